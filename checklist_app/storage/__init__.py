"""The SQLite workspace through sqlite-utils: schema, repositories, evidence, audit, backup."""
