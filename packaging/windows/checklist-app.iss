; Inno Setup 6 script: the Windows installer of the one-folder PyInstaller build.
; Saved as UTF-8 with a BOM and CRLF: ISCC reads the Chinese texts right only with the BOM.
; Needs Inno Setup 6.3 or later (x64compatible).
;
; Build on Windows, from the repository root, after PyInstaller (packaging/README.md):
;   "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" packaging\windows\checklist-app.iss
; → dist\checklist-app-<version>-windows-x64-setup.exe
;
; Installs for the current user without administrator rights (%LOCALAPPDATA%\Programs),
; Start menu and (optional, checked) desktop shortcuts, an uninstaller in "Apps", Chinese and
; English setup pages. The user's workspaces and settings live elsewhere
; (%LOCALAPPDATA%\checklist-app) and survive an uninstall or upgrade.
;
; The Chinese page texts come from ChineseSimplified.isl, an unofficial translation that
; Inno Setup does not install: download it from the Inno Setup translations page
; (https://jrsoftware.org/files/istrans/) into "C:\Program Files (x86)\Inno Setup 6\Languages\"
; before compiling (packaging/README.md).

; Version: [project] version of pyproject.toml (TOML's simple "key = value" reads as INI),
; or ISCC /DAppVersion=1.2.3.
#ifndef AppVersion
  #define AppVersion ReadIni(SourcePath + "..\..\pyproject.toml", "project", "version", "0.0.0")
#endif
#define AppName "标准化政策落实自查自评"
#define AppNameEn "Standardization Self-Assessment"
#define AppExe "checklist-app.exe"
#define Bundle SourcePath + "..\..\dist\checklist-app"
#define IconFile SourcePath + "..\..\build\icons\checklist-app.ico"
; The ProgID of the optional .sqlite association ("Open with").
#define ProgId "ChecklistApp.Workspace"

#if !FileExists(Bundle + "\" + AppExe)
  #error "dist\checklist-app\checklist-app.exe is missing: run PyInstaller first (packaging/README.md)"
#endif

[Setup]
; AppId identifies the installation for upgrades and uninstall: never change it.
AppId={{ACC61519-4F57-4772-BFCB-A65A4FBF99EF}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Checklist App developers
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppNameEn}
DefaultDirName={autopf}\checklist-app
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; Per user, no UAC prompt; an administrator may still choose "all users" in a dialog.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir={#SourcePath}..\..\dist
OutputBaseFilename=checklist-app-{#AppVersion}-windows-x64-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=auto
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
; Refresh Explorer when the optional file association was chosen.
ChangesAssociations=yes
CloseApplications=yes
#if FileExists(IconFile)
SetupIconFile={#IconFile}
#endif

[Languages]
; Chinese first: the installer starts in Chinese unless Windows runs in English.
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
chinesesimplified.AssociateSqlite=用本程序打开 .sqlite 工作区文件(加入“打开方式”列表)
english.AssociateSqlite=Offer this app for .sqlite workspace files ("Open with")
chinesesimplified.WorkspaceType=自查工作区
english.WorkspaceType=Self-assessment workspace
chinesesimplified.FileAssociation=文件关联:
english.FileAssociation=File association:

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"
; Off by default: .sqlite is a generic SQLite extension that other tools use too.
Name: "associate"; Description: "{cm:AssociateSqlite}"; GroupDescription: "{cm:FileAssociation}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the whole bundle: no stale module of an older version stays behind.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "{#AppNameEn}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; HKA = HKCU for a per-user install, HKLM for all users. Only "Open with": the default program
; for .sqlite stays what the user chose.
Root: HKA; Subkey: "Software\Classes\.sqlite\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue; Tasks: associate
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "{cm:WorkspaceType}"; Flags: uninsdeletekey; Tasks: associate
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"; Tasks: associate
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""; Tasks: associate
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".sqlite"; ValueData: ""; Flags: uninsdeletekey; Tasks: associate

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
