"""Chinese for strings the integrator added while wiring features together."""

T = {
    "The three lists: what we handle, what residents asked for, who is stationed here": "三张清单:我们管什么、居民要什么、谁在这里驻点",
    "Reports and results": "反映问题与办理结果",
    "Reports answered in this community": "本社区已答复的问题",
    "Statistics for this community": "本社区办理统计",
    "Roundtable decisions and their follow-up": "议事会决定及跟踪落实",
    "Erase personal data of volunteers who left or were declined long enough ago.": "删除已退出或未通过且超过保存期限的志愿者个人信息。",
}
