"""Chinese for roles, the audit log, the admin home and sign-in hardening (issue 8)."""

T = {
    # Admin home
    "Your work": "我的待办",
    "Pages waiting for your review or sign-off": "等待您审核或签发的页面",
    "Event registrations received today": "今日收到的活动报名",
    "Volunteers waiting for a decision": "等待审批的志愿者",
    "Agenda proposals to moderate": "待审核的议题提案",
    "Nothing else is waiting for you.": "暂无其他待办事项。",
    # Area assignments and the audit log
    "Area assignments": "辖区分配",
    "Audit log": "审计日志",
    "Export of personal data": "导出个人信息",
    "State change": "状态变更",
    "Moderation": "审核",
    "Access and permissions": "访问与权限",
    "when": "时间",
    "who": "操作人",
    "what": "操作",
    "object type": "对象类型",
    "object id": "对象编号",
    "object": "对象",
    "rows": "行数",
    "with personal data": "含个人信息",
    "detail": "详情",
    "kind": "类别",
    "user": "用户",
    "audit entry": "审计记录",
    "audit log": "审计日志",
    # Sign-in lockout
    "Sign-in paused": "登录已暂停",
    "This account was signed in with a wrong password %(limit)s time from your "
    "connection, so signing in is paused.": "您的网络连接已有 %(limit)s 次使用错误密码登录此账号,登录已暂停。",
    "Try again in %(minutes)s minute, or ask an administrator to unlock the "
    "account.": "请在 %(minutes)s 分钟后重试,或请管理员为账号解锁。",
    # 2-step verification
    "2-step verification": "两步验证",
    "Ask for a code from an authenticator app at every sign-in.": "每次登录时要求输入身份验证器应用中的验证码。",
    "With 2-step verification, signing in needs your password and a code from an "
    "authenticator app on your phone (for example Microsoft Authenticator, Google "
    "Authenticator or FreeOTP). A stolen password alone is then not enough.": "开启两步验证后,登录需要密码和手机上身份验证器应用(如 Microsoft Authenticator、Google Authenticator 或 FreeOTP)显示的验证码。密码即使被盗也无法单独登录。",
    "Authenticator apps of %(name)s. Remove one when its phone was lost; the user "
    "then adds a new one.": "%(name)s 的身份验证器应用。手机丢失时请将其移除,用户随后重新添加。",
    "App": "应用",
    "Last used": "上次使用",
    "Actions": "操作",
    "Remove": "移除",
    "No authenticator app yet: add one to use the admin.": "尚未添加身份验证器应用:请先添加,才能使用管理后台。",
    "No authenticator app yet: 2-step verification is off.": "尚未添加身份验证器应用:两步验证未开启。",
    "Add an authenticator app": "添加身份验证器应用",
    "Install an authenticator app on your phone (for example Microsoft "
    "Authenticator, Google Authenticator or FreeOTP).": "在手机上安装身份验证器应用(如 Microsoft Authenticator、Google Authenticator 或 FreeOTP)。",
    "In the app, add an account by scanning this code:": "在应用中扫描此二维码添加账号:",
    "Cannot scan? Type this key instead:": "无法扫描?请改为输入此密钥:",
    "Enter the code the app now shows, to confirm it works.": "输入应用当前显示的验证码,确认设置成功。",
    "Turn on 2-step verification": "开启两步验证",
    "Open the authenticator app on your phone and enter the code it shows for "
    "this portal.": "请打开手机上的身份验证器应用,输入其为本网站显示的验证码。",
    "Verify": "验证",
    "Sign out": "退出登录",
    "Lost your phone? Ask an administrator to remove the app from your account.": "手机丢失?请管理员从您的账号中移除该应用。",
    "Code from your authenticator app": "身份验证器应用中的验证码",
    "Six digits; a new code appears every 30 seconds.": "6 位数字,每 30 秒更新一次。",
    "Enter the digits shown in the app.": "请输入应用中显示的数字。",
    "Too many wrong codes: wait a few seconds, then try again.": "错误次数过多:请稍等几秒再试。",
    "That code is not right or has expired. Try the current one.": "验证码不正确或已过期,请输入当前显示的验证码。",
    "The authenticator app was removed.": "已移除身份验证器应用。",
    "Authenticator app": "身份验证器应用",
    "That code is not right. Check the app and try again.": "验证码不正确,请检查应用后重试。",
    "2-step verification is on: each sign-in now asks for a code.": "两步验证已开启:此后每次登录都需要输入验证码。",
}
