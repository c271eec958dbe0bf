"""China's provinces and the 直辖市 directly under the State Council, as documents name them."""

from __future__ import annotations

_PROVINCE_NAMES = ("河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽", "福建",
                   "江西", "山东", "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南",
                   "陕西", "甘肃", "青海", "台湾")
PROVINCES = (*(f"{name}省" for name in _PROVINCE_NAMES), "内蒙古自治区", "广西壮族自治区",
             "西藏自治区", "宁夏回族自治区", "新疆维吾尔自治区")
MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")  # 直辖市: no province above them
