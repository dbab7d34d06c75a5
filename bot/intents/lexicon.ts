import type { IntentKind } from './intent.js';

const either = (...parts: RegExp[]) => new RegExp(parts.map((p) => p.source).join('|'));

/**
 * What each intent is called in English and Chinese, anywhere in a normalised message (see
 * `normalise`: lower case, no punctuation, `@` for a mention). Checked in this order, the first
 * match deciding, after the freeze words (`freezeIntent`) — so the more specific name comes first:
 * asking for a refund before refunding, a statement or history before a payment word
 * (“转账记录”), closing the account before cancelling, the authenticator before verifying,
 * help last. “Support” asks for a person only as a command word or with a person named (“contact
 * support”, 客服, 人工客服, 找人工; a message opening so is read in `recognise`): as a verb it is a
 * question (“support usd?”, 支持美元吗), and 人工 inside a word is no person (人工智能). A bare slot
 * value (`5`, `@bob`, `USD`, `T2`, `en`, `英文`, `telegram`) matches none, because it answers a
 * question the bot asked.
 */
export const LEXICON: [IntentKind, RegExp][] = [
  ['claims', either(/\bmy (claims|cheques|holds)\b|\b(list|show) (my )?(claims|cheques)\b/, /我的红包|我的支票|我发的红包/)],
  ['claim', either(/^\s*claim\b/, /领取红包|领红包|抢红包|收红包|^\s*领取/)],
  ['cheque', either(/\bcheques?\b/, /红包|支票/)],
  ['merchant', either(/^\s*(become (a )?)?merchant\b/, /^\s*(成为|开通)?商户/)],
  ['apikey', either(/^\s*api ?keys?\b/, /^\s*(api\s*)?密钥/)],
  ['webhook', either(/^\s*webhooks?\b/, /^\s*回调(地址)?/)],
  ['reply', either(/\b(reply|answer|respond)\b.*\bs[1-9]\d*\b/, /回复.*\bs[1-9]\d*\b/)],
  ['tickets', either(/\b(my|open|support|list)\s+((support|open)\s+)?(tickets?|cases)\b|\bticket (list|status)\b/, /工单|我的(反馈|投诉)(记录)?/)],
  ['support', either(
    /\b(contact|talk to|talk with|speak to|speak with|chat with|reach|call|get me|connect me to|connect me with|need|want|get|find)\s+((a|an|the|your|some|real|to|with|actual|live|okpay)\s+){0,3}(support|human|humans|person|agent|operator|staff|customer service|admin|representative|rep)\b/,
    /\b(real|actual|live)\s+(person|human|agent)\b|\bsomeone real\b/,
    /\bcustomer (service|support|care)\b|\bsupport team\b|\btech support\b|\bhelp desk\b|\bhelpdesk\b|\bhuman please\b|\bfile a complaint\b|^\s*complain\s*$/,
    /^\s*support\s*$/,
    /客服|联系支持|技术支持|找人工|转人工|人工服务|人工\s*$|^\s*支持\s*$|真人|^\s*(我要|我想)?投诉\s*$/,
  )],
  ['ask_refund', either(
    /\b(ask|asking|request|requesting|want|wanna|get|need|like|apply)\s+((for|a|an|my|the|him|her|them|@|back|to get|get)\s+){0,4}(refund|money back)\b/,
    /\brefund me\b|\bmy money back\b|\breturn my money\b|\bgive (me )?(back )?my money\b|\bcan i get (a )?refund\b|\bget (a )?refund\b/,
    /申请退款|要求退款|请求退款|想要?退款|退(钱|款)?给我|把钱退(回|给)我|(钱|款)退回(来|给我)|让\s*@?\s*.{0,8}退(款|钱)|要回|退我/,
  )],
  ['refund', either(
    /\brefund\w*\b|\breimburse\b|\breturn (the |this |that |his |her |their )?(payment|money|transfer)\b|\bsend (it|the money|the payment) back\b|\bgive (@ |him |her |them )?(his |her |their )?money back\b/,
    /退款|退钱|退还|退回|退给|(^|\s)退(\s|$)/,
  )],
  ['pay', either(/\bpay\b.*\b(request|invoice|bill)\b|\bpay\s+(for\s+)?r[1-9]\d*\b/, /(支付|付款|付|缴).{0,8}(收款单|收款请求|\br[1-9]\d*\b)/)],
  ['statement', either(
    /\b(statement|statements|export|csv|spreadsheet|excel)\b|\bdownload\b.*\b(transactions|history|payments|records)\b/,
    /账单|对账单|导出|下载.*(记录|明细|流水|交易)|表格|报表/,
  )],
  ['history', either(
    /\b(history|transactions?|activity|receipts)\b|\b(recent|past|previous|last|latest|my)\s+((few|\d+|ten|five)\s+)?(payments|transfers|sends|purchases)\b/,
    /\b(has|have|had)\s+(@|[a-z]+)\s+((already|ever|yet|not)\s+)?(paid|sent|transferred|refunded)\b/,
    /(还|付|转|打|汇)(我|给我)?.{0,8}(了|过)\s*(吗|么|没|没有)\s*(\?\s*)?$/,
    /\bhow much (did|have) i (spend|spent|send|sent|pay|paid|receive|received|get|got)\b|\bwho (sent|paid) me\b|\bwhat did i (spend|send|pay|buy)\b|\bwhere did my money go\b|\bpayments i (made|sent|received)\b|\bmoney i (sent|received|spent)\b/,
    /记录|历史|明细|流水|最近.*(交易|付款|转账|收款|支出)|花了多少|收到了?哪些|谁(给我)?转(了|过)|谁付/,
  )],
  ['balance', either(
    /\bbalance\b|\bhow much\b.*\b(have|left|got|in my|remaining|available|can i (spend|send))\b|\bmy (funds|money)\b|\bmoney (left|do i have)\b|\bwhats in my (wallet|account)\b|\bam i broke\b|\bfunds\b/,
    /余额|还有多少|有多少钱|剩多少|还剩|剩下多少|钱包里|账户里|多少余|还有钱|有钱吗|多少钱了/,
  )],
  ['close', either(
    /\b(close|delete|cancel|terminate|remove|shut down|deactivate|end)\s+((my|the|this|whole|okpay)\s+){0,2}(account|wallet)\b|\bdeactivate\b|\bquit okpay\b|\bstop using okpay\b/,
    /注销|销户|关闭(我的)?(账户|钱包|账号)|删除(我的)?(账户|账号|钱包)|关掉(我的)?(账户|钱包|账号)|不想用了/,
  )],
  ['unlink', either(
    /\bunlink\b|\bdisconnect\b|\bdetach\b|\bunbind\b|\bremove (my |the )?(telegram|discord|console)\b/,
    /解绑|解除绑定|取消关联|解除关联|取消绑定|断开/,
  )],
  ['cancel', either(
    /\bcancel\b|\bnevermind\b|\bnever mind\b|\bforget (it|that|about it)\b|\babort\b|\bscratch that\b|\bdont send\b|\bstop (that|this)\b|\bundo\b/,
    /取消|算了|不要了|不转了|撤销|不付了|别转了|先不转/,
  )],
  ['recover', either(
    /\brecover\w*\b|\breset (my |the )?(authenticator|2fa|two factor|codes?)\b|\blost (my |the )?(authenticator|2fa|codes?)\b|\bcant (get|generate) (a |my |the )?codes?\b|\bforgot\b.*\bcodes?\b|\bnew phone\b|\bchanged (my )?phone\b/,
    /恢复|找回|重置|验证器.*(丢|没了|删)|(丢|没了|删).*验证器|换(了)?手机|新手机|收不到验证码|忘.*验证码/,
  )],
  ['setup_2fa', either(
    /\b2fa\b|\btwo ?factor\b|\bauthenticator\b|\btotp\b|\bmfa\b|\bone time codes?\b|\bgoogle auth\b|\bset ?up (my |the )?codes?\b/,
    /两步验证|二次验证|双重验证|双因素|验证器|谷歌验证|动态码|动态密码/,
  )],
  ['link', either(
    /\blink\b|\bconnect (my |this |the )?(telegram|discord|wallet|account)\b|\b(use|add|open) (this|my|the same) (wallet|account) (on|in|with|from) (telegram|discord)\b|\bbind\b|\blinking\b/,
    /绑定|关联|连接(到)?\s*(telegram|discord|电报)|同一个钱包/,
  )],
  ['verify', either(
    /\bverify\b|\bverification\b|\bkyc\b|\bidentity\b|\b(raise|increase|higher|lift|upgrade)\s+((my|the|a)\s+)?(limits?|tier|level)\b|\bpassport\b/,
    /实名|认证|身份验证|提高?(限额|额度)|提升(限额|额度)|升级(额度|等级|账户)|上传证件|身份证|护照/,
  )],
  ['language', either(
    /\blanguage\b|\b(speak|reply|respond|talk|answer|write|switch|change|use|set|in)\b.*\b(chinese|english|mandarin)\b/,
    /语言|(说|讲|用|换成|换到|切换|改成|切到|改为|设置|设为|回复)(成|为|到)?\s*(中文|英文|英语|汉语|普通话)|(中文|英文|英语)(模式|界面|回复|版)/,
  )],
  ['confirm', either(/\bconfirm\w*\b|\bmy code is\b|\bcode is\b/, /确认|验证码是|验证码\s*\d/)],
  ['request', either(
    /\brequest\b|\b(ask|asking|tell)\s+((@|him|her|them|my|friend|everyone|people)\s+){1,3}to pay( me)?\b|\b(charge|bill|invoice)\s+(@|(him|her|them|someone|customers?|people)\b)|\b(create|make|post|open)\s+(a\s+|an\s+)?(payment\s+)?(request|invoice|bill|payment link)\b|\bget paid\b|\bcollect\b|\b(pay|owes?) me\b/,
    /收款|收钱|要钱|(让|请|叫)\s*.{0,10}(付|给)我|向\s*.{0,10}要|找\s*.{0,8}要钱|发起收款|催款|欠我|付我/,
  )],
  ['send', either(
    /\b(send|sned|sedn|transfer|wire|pay|venmo|remit)\b|\bgive\b.*(@|\d)|\bsplit\b.*(@|\d)/,
    /转账|转给|转钱|打钱|汇款|付给|付钱|打款|汇给|转\s*\d|给\s*@|给.{0,12}转|(给|付)\s*.{0,12}\d+\s*(块|元|美元|欧元|rmb|usd|cny)|支付|付款/,
  )],
  ['start', either(
    /\b(start|get started|sign up|signup|register|begin|onboard)\b|\b(open|create|make|set up)\s+((a|an|my|new)\s+)*(account|wallet)\b/,
    /开始|注册|开户|开通|创建(账户|钱包|账号)|开个(账户|钱包|账号)|新用户/,
  )],
  ['help', either(
    /\bhelp\b|\bhow (do|does|can|should) (i|you|we) use\b|\bhow (does|do) (this|it|okpay|the bot|you) work\b|\bwhat can (you|i|this bot|okpay) do\b|\bwhat do you do\b|\bcommands\b|\bmenu\b|\binstructions\b|\bguide\b|\bhow to use\b|\btutorial\b|\bwhat is okpay\b|\bfeatures\b|^\s*\?+\s*$|\bhow\b.*\b(protect|secure|safe|safer)\b/,
    /帮助|怎么用|如何使用|能做什么|可以做什么|会做什么|功能|命令|指令|菜单|说明|教程|使用方法|帮帮我|^\s*帮我\s*$|求助|不会用|怎么操作|(怎么|如何|怎样).*(安全|保护)/,
  )],
];
