import type { IntentKind } from './intent.js';

/**
 * Reading a message for the one sentence the wallet must never miss: “stop money leaving”. It is
 * read before anything else, and on the normalised text (see `normalise`), in this order:
 *
 * 1. a negated freeze (“don't freeze”, 不要冻结) is no request at all;
 * 2. a question about what freezing does or when it happens (“what does freeze do?”, “will it
 *    freeze?”, 冻结是什么意思, 冻结期间能收款吗) is `help`;
 * 3. the opposite (unfreeze, lift the freeze, 解冻, 解除冻结) is `unfreeze`;
 * 4. freezing in another sense (“freeze the dumplings”, 冻结的饺子, weather, a frozen app) is not one;
 * 5. an explicit request (freeze, lock, block, 冻结, 锁定) or a plain statement that money was taken
 *    (stolen, hacked, “not me”, “I didn't make this”, 被盗, 不是我付的) is `freeze`, whatever else
 *    the message asks — it beats a send in the same message;
 * 6. the same statement asked about in general — how to guard against it, what to do if it ever
 *    happens (“how do I protect my account from hackers”, 怎么防止被盗) — is `help`: a question
 *    about theft is not a report of one;
 * 7. the same statement asked as a question (“was I hacked?”, 是不是被盗了) or suspicion without a
 *    request (“I don't recognise this payment”, 这笔付款不是我认识的) is `ask_freeze`: the person is
 *    asked once, with a Freeze button, rather than refused or frozen on a guess.
 *
 * A statement counts only when it says what was taken or denied: “not me” about a payment (“that
 * wasn't me”), not in passing (“send it to @bob, not me”); “I didn't pay this”, not “I didn't pay
 * him the full amount”; 这笔不是我, not 这不是我要的. A false freeze cancels the person's pending
 * payment and needs a code to undo, so these stay strict.
 *
 * Undefined means the message asks for none of these (a negated freeze, freezing in another
 * sense, or no freeze at all); the rest of the lexicon reads it.
 */
export function freezeIntent(s: string): IntentKind | undefined {
  if (NEGATED.test(s)) return undefined;
  const otherSense = OTHER_SENSE.test(s) && !WALLET_WORD.test(s);
  if (ABOUT_FREEZE.test(s)) return 'help';
  if (UNFREEZE.test(s) && !otherSense) return 'unfreeze';
  if ((FREEZE_WORD.test(s) && !otherSense) || LOCK.test(s)) return 'freeze';
  if (STRONG.test(s) && !NEGATED_STRONG.test(s)) {
    if (ABOUT_THEFT.test(s)) return 'help';
    return YES_NO_QUESTION.test(s) ? 'ask_freeze' : 'freeze';
  }
  return SUSPICION.test(s) ? 'ask_freeze' : undefined;
}

const either = (...parts: RegExp[]) => new RegExp(parts.map((p) => p.source).join('|'));

const WALLET_WORD = /\b(account|wallet|money|payments?|transfers?|cards?|balance|funds)\b|账户|账号|帐户|帐号|钱包|钱|付款|转账|资金|余额|银行卡/;

/**
 * Freezing in another sense: food, weather, a film, or a device that hangs (“my phone keeps
 * freezing”; a phone named alone is no other sense: “phone stolen, freeze!”).
 */
const OTHER_SENSE = either(
  /\b(food|dumplings?|chicken|meat|fish|pizza|ice|cream|yogurt|water|pipes?|weather|outside|cold|tonight|degrees|winter|movie|film|elsa|frame|brain|dried|fridge|freezer|peas|berries|lake|toes|fingers|leftovers|bread|soup|meals?|rice|cooked|milk|cake|cookies|vegetables)\b/,
  /\b(phone|app|screen|computer|laptop|pc|game|browser|page|program|video|stream|mouse)\b.*\b(keeps|always|every time|whenever|randomly|sometimes|froze|frozen|freezing|freezes|stuck|crash\w*)\b/,
  /饺子|水饺|汤圆|肉|冰箱|冷冻|食物|食品|鸡|鱼|虾|蔬菜|水果|馒头|包子|湖|河|水管|天气|零下|精子|胚胎|卵子|(手机|电脑|屏幕|画面|游戏|程序|软件|视频).*(卡|死机|总是|一直|老是|经常)/,
);

const FREEZE_WORD = /\bfreeze\b|冻结|冻住/;

const NEGATED = either(
  /\b(dont|do not|never|no need to|wont|will not|shouldnt|should not|not|no)\s+((you|ever|want|wanna|need|to|have|please|it|yet|just|really|go|gonna|going)\s+){0,3}(un)?freeze\b/,
  /\bno\s+freeze\b/,
  /(不要|别|不用|不想|无需|不需要|不必|没必要|用不着|不用再|先不要|千万别|先别|不要再)(帮我|给我|把|将)?(我的)?(账户|账号|钱包)?(冻结|锁定|锁住|解冻)/,
);

const UNFREEZE = either(
  /\bun ?freeze\b|\bunlock\b|\bunblock\b|\breactivate\b|\bthaw\b/,
  /\b(lift|remove|end|undo|reverse|cancel|take off)\s+(the\s+|my\s+|this\s+)?freeze\b/,
  /\b(frozen|locked)\b.*\b(get it back|use it again|undo|fix it|turn it back on|reopen|open it again)\b/,
  /解冻|解除冻结|取消冻结|撤销冻结|解锁|解封|解除锁定|恢复(账户|账号|钱包)/,
);

/** Questions about what freezing does, or whether the wallet is frozen: help, not a request. */
const ABOUT_FREEZE = either(
  /\b(what|whats|how)\s+(does|is|do|about)\s+(a\s+|the\s+)?(freeze|freezing)\b/,
  /\bwhat\s+(happens|will happen)\b.*\b(freeze|freezing|frozen)\b/,
  /\b(freeze|freezing)\s+(mean|means|do|does|work|works)\b/,
  /\bwhat\s+is\s+(a\s+)?(freeze|freezing)\b|\bmeaning of\b.*\bfreez/,
  /\b(if|when|after|while|once)\s+(i|my\s+\w+|it|its|the\s+\w+)\s+(freeze|is\s+frozen|am\s+frozen|are\s+frozen|gets\s+frozen|was\s+frozen)\b/,
  /\b(is|was|are)\s+(my\s+|the\s+)?(account|wallet)\s+(still\s+)?frozen\b|\bwhy\s+(is|was|am|are).*\bfrozen\b/,
  /\b(freezing|freeze)\s+(reversible|permanent|free|safe)\b|\bdoes\s+(freezing|a freeze)\b|\bexplain\b.*\bfreez/,
  /\bcan\s+i\s+still\b.*\bfrozen\b|\bhow long\b.*\b(freeze|frozen)\b/,
  /\b(will|would|could|can|might|may|does|do)\s+(it|this|that|my\s+\w+|the\s+\w+|an?\s+\w+)\s+((get|be|become|ever)\s+)?(freeze|frozen|freezes|locked)\b|\b(will|would|could)\s+i\s+(get|be)\s+(frozen|locked)\b/,
  /冻结(会|能|可以)?(影响|还能|还可以)|冻结(功能)?(是什么|是啥|什么意思|啥意思|是干什么|是干嘛|有什么用|有啥用|会怎样|会怎么样|之后|以后|后|了还|会不会|有什么影响|要多久|多久)/,
  /冻结(期间|的时候|时|中|状态)|(会|会不会|是否会|就会)(被)?(自动)?冻结/,
  /什么是冻结|冻结.*(能不能|可以|还能)(收|接收|用)|(被|已经?)冻结(了)?(吗|么|嘛|\s*\?)|为什么.*冻结|冻结了(吗|么|没有)|是不是(被)?冻结/,
);

/** An explicit request to stop money leaving, by another word than freeze. */
const LOCK = either(
  /\b(lock|block|suspend|disable)\s+((down|up|my|the|this|our|all|whole|now|right|away|immediately|asap|please)\s+){0,3}(account|wallet|card|payments?|transfers?|spending|withdrawals?|money|it|everything|down)\b/,
  /\bstop\s+((all|my|the|any|every|outgoing|further|more)\s+){0,3}(payments?|transfers?|spending|withdrawals?|money|transactions?)\b/,
  /^\s*(please\s+)?(lock|block)(\s+(it|now|asap|immediately|quick|quickly|please|everything|all))*\s*$/,
  /\bstop\b.*\b(them|him|her|someone|anyone|it)\b.*\b(taking|spending|sending|using|stealing)\b/,
  /锁定|锁住|锁上|锁起来|封锁|封号|止付|停用(账户|账号|钱包|支付|付款)|暂停(付款|转账|支付|账户|账号|钱包|使用)|禁止(转出|付款|转账)|停止(所有|一切|全部)?(付款|转账|支付|转出)|别让.*(转走|转出|花)/,
);

/** “Not me” said of something: counted when it ends the message or the message is about money. */
const NOT_ME = /\b(that|this|it|its|thats|those|these|payments?|transfers?|transactions?|charges?)\s+((was|is|were)\s+)?(not|wasnt|isnt|werent)\s+(by\s+|from\s+)?me\b|\b(wasnt|was not|werent|were not)\s+((done|made|sent)\s+)?(by\s+)?me\b|^\s*(no\s+)?(not|wasnt)\s+me\b/.source;
const PAYMENT_CONTEXT = /\b(money|pay|paid|payments?|transfers?|transferred|transactions?|charges?|charged|sent|send|account|wallet|card|funds|balance|dollars?)\b|\d/.source;

/** Money taken, or a payment the person did not make, said outright. */
const STRONG = either(
  /\b(stolen|stole|hacked|hacker|hackers|hijacked|compromised|unauthori[sz]ed|fraud|fraudulent|scammed|robbed)\b/,
  new RegExp(`(${NOT_ME})\\s*$|^(?=.*(${PAYMENT_CONTEXT})).*(${NOT_ME})`),
  /\b(i|we)\s+(didnt|did not|never|have not|havent)\s+((do|make|send|authori[sz]e|approve|pay|buy|order|initiate|request|agree to|confirm|recogni[sz]e)\w*)\s+(it|this|that|these|those|t[1-9]\d*|any\s+(of\s+)?(this|that|these|those|payments?|transfers?|transactions?|money|charges?))\b(?!.*\byet\b)/,
  /\b(payments?|transfers?|transactions?|charges?|sends?|withdrawals?)\b(\s+\S+){0,4}?\s+(that\s+|which\s+)?(i|we)\s+(never|didnt|did not|have not|havent)\s+(made|make|sent|send|do|did|done|authori[sz]ed?|approved?|ordered|order)\b/,
  /\b(someone|somebody|some one|someone else|somebody else|a stranger|strangers)\s+(just\s+|has\s+|have\s+)?(sent|moved|transferred|took|taken|withdrew|withdrawn|stole|spent|paid)\b.*\b(from|out of)\s+(my|our)\s+(account|wallet|balance|card)\b/,
  /\b(someone|somebody|someone else|somebody else|a stranger)\s+(is|was|has been|keeps|are|were)\s+(using|spending|draining|emptying|sending|moving|accessing|taking)\s+(my|our)\b/,
  /\b(someone|somebody)\s+(just\s+|has\s+)?(spent|drained|emptied|moved|transferred|withdrew)\s+(all\s+)?(my|our)\s+(money|funds|balance)\b/,
  /\b(account|wallet)\b.*\b(taken over|took over)\b|\btook over\s+(my|our)\s+(account|wallet)\b|\baccount takeover\b/,
  /\b(i|we)\s+(never|didnt|did not)\s+(sent|send|made|make|paid|pay|authori[sz]ed|approved)\s+(that|this|these|those)\b(?!.*\byet\b)/,
  /\bsomeone\s+(just\s+|has\s+|have\s+)?(took|taken|stole|is stealing|got into|broke into|logged into|hacked|drained|emptied)\b/,
  /被盗|盗号|被偷|偷了|被黑|黑客|盗刷|被(人|别人|陌生人|坏人)(盗|偷|黑)|被骗|诈骗|盗用/,
  /(钱|款|余额|资金).{0,4}被(人|别人|陌生人|黑客|坏人)?.{0,4}(转走|偷走|盗走|划走|取走|刷走|提走|花掉|花光)|被(人|别人)?转走/,
  /(有人|别人|陌生人|坏人).{0,4}(转走|偷走|盗走|划走|取走|刷走|提走|盗了|偷了)|(有人|别人|陌生人)(在|正在)(用|使用|花|动)我的/,
  /不是我(本人)?(做|干|弄|付|转|发|买|花|操作|支付|转账|授权|点)|(这|那)(笔|次)(付款|转账|交易|支付|钱|款)?(不是我|不是本人)(?!认识|的问题)|(这|那)个?(付款|转账|交易|支付|扣款)(不是我|不是本人)(?!认识|的问题)|^\s*不是我(啊|呀|哦|呢)?\s*$|不是我\s+(快|赶紧|冻结)/,
  /我(没|没有|从没|从来没有?|并没有?)(付|转|花|买|操作|授权|同意|发起|支付|消费|转账|付款|确认)(过)?(这|那|任何)/,
);
const NEGATED_STRONG = /\b(not|never|wasnt|wasn t|havent)\s+(been\s+)?(hacked|stolen|scammed)\b|没有?被(盗|黑|骗)|(?<!是)不是被(盗|黑)/;

/** Asking in general how to guard against theft, or what to do if it ever happens: help, not a report. */
const ABOUT_THEFT = either(
  /^\s*(how|what|whats|can|is|are|any|tips|ways|best way)\b.*\b(protect|prevent|avoid|secure|safe|safer|safety|guard)\b/,
  /^\s*(how|what|whats)\b.*\b(if|in case)\s+(i|my|someone|somebody|it|we|an?|the)\b|^\s*(if|in case|what if)\s+(i|my|someone|somebody|it|we|an?|the)\b/,
  /(怎么|怎样|如何|怎么样|有什么办法|有啥办法)(才能|才|可以|能)?(防止|避免|预防|防范|防|不被|保护)|(防止|避免|预防|防范|以防)(账号|账户|钱包|钱)?(被盗|被黑|被骗|盗号|盗刷|被偷)/,
  /(如果|万一|要是|假如|假设)(我的?)?.{0,6}(被盗|被黑|被偷|盗号|被骗|转走|偷走|盗走|盗了|偷了)/,
);

/** A yes/no question: the person wonders, rather than reports. */
const YES_NO_QUESTION = either(
  /^\s*(was|were|is|am|are|did|has|have|could|can|might|may|do you think|maybe|possibly|i wonder)\b/,
  /是不是|会不会|有没有可能|可能|好像|怀疑|吗|么\s*\?|嘛/,
);

/** Suspicion about a payment, with no request to freeze. */
const SUSPICION = either(
  /\b(dont|do not|didnt|cant|cannot)\s+recogni[sz]e\b|\bunrecogni[sz]ed\b|\bnever seen this\b/,
  /\b(strange|weird|suspicious|odd|unknown|unfamiliar|random|mystery)\s+(payment|charge|transfer|transaction|activity|login|send)s?\b/,
  /\bsomeone\s+(used|is using|using|accessed|logged|may have|might have|has been using)\b|\bdid\s+someone\b|\bwho\s+(made|sent|did)\s+(this|that)\b/,
  /\bwhat\s+is\s+this\s+(payment|charge|transfer|transaction)\b|\bwhats\s+this\s+(payment|charge|transfer|transaction)\b/,
  /\b(money|balance)\s+(is\s+)?(missing|gone|disappeared)\b|\bmissing\s+money\b/,
  /不认识|不是我认识|不认得|没见过|陌生|可疑|奇怪的(付款|扣款|转账|交易|记录)|莫名其妙|不明(扣款|付款|交易|转账)|有人(用|动|登录|登陆|盗)|谁(用|动)了我的|(这|那)笔.*(哪来的|怎么回事)|钱(少了|不见了|没了)|少了(钱|一笔)|多了一笔/,
);
