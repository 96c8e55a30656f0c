/**
 * The intent classifier: strip markup -> normalise (lexicon, then typos of office words mended) -> stem features
 * -> another area's office is out of scope -> nlp.js neural network (the same network NluNeural trains, driven directly so classification is synchronous
 * and costs microseconds; `NlpManager.process()` would add async pipelines and entity extraction costing
 * milliseconds) -> out-of-scope rules -> entities from the office catalogue.
 *
 * Scoring follows nlp.js's NLU: intents that share no feature with the message are zeroed,
 * unknown words feed a `nonefeature` that pulls towards None, the activations are squared and
 * normalised to sum to 1, and a top score under the threshold falls back to `None`. On top of it (see `Tuning`):
 * the network's None output is weighted down, and a message is out of scope when most of its words are outside
 * the office's vocabulary, when it names something only out-of-scope examples name and no office word, or when
 * Naive Bayes log-odds say it reads more like the out-of-scope corpus than like the intent that won (or than
 * business text at all). Subscribing and unsubscribing need explicit wording.
 */
import { FORWARDED } from './forwarded.js';
import { createUngluer } from './glued.js';
import { CONDITIONAL, PERMIT_ACTION, OPEN_YET, FILLED_ONLINE, NOTIFY_WHEN_OPEN, COME_TO_THE_COUNTER, WHICH_PERMITS, OTHER_CONSULTATION, WHAT_ONLINE, TICKET_ASKED_AFTER, STILL_POSSIBLE, SUBSCRIBE_AGAIN, IN_PERSON_OR_ONLINE, IN_THIS_CHAT_WORD, PERMIT_NUMBER_ONLY, QUESTION_INTRODUCED, THIS_IS_NOT, ADDRESS_ONLY, ADDRESS_TYPED, SPEAKS_ENGLISH, THAT_IS_ALL, SO_THAT_IS_IT, WHAT_IS_THIS, CALL_CENTER_ASKED, REOPENING_RUMOUR, HOW_WHILE_CLOSED, COME_ANYWAY, WHY_CLOSED_FIRST, WITHDRAW_APPLICATION, CONSULTATION_HEADED, FOLLOW_IT_UP, PROBLEM_TOLD, PERMITS_NEEDED, BYE_AT_END, MUST_COME_IN, PUT_ON_THE_LIST, OTHER_BUSINESS_LIST, WEB_OR_WA_ASKED, WITH_A_PROTOCOL, OFFICIAL_NOTICE, ACCOUNT_TROUBLE, FROM_AFAR, OTHER_ACCOUNT, OTHER_MATTER, THROUGH_OSS, VISIT_ON_A_DAY, NOT_A_ROBOT, CHECKED_BY_STAFF, STAFF_AWAY, DONT_SEND, CONSULT_IN_CHAT, THANKS_AT_END, ACK_AT_END, OPEN_BEFORE_COMING, SUBSCRIBE_SAID, GREETING_OF_THE_OFFICE, READY_ACK, HOURS_NAMED, SOMEWHERE_ELSE, PERSON_WANTED, MISTAPPED, MISTOOK_US, IF_I_COME, CLOSING_TIME, NUMBER_TO_CALL, OFFICIAL_INFO_WHERE, ONLINE_STILL, GIVE_THE_NUMBER, TICKET_NAMED, UNSUBSCRIBE_SAID, ANYONE_THERE, RESIGNED_WITH_PLAN, RECORD_THIS, COMPLAIN_HERE, NUMBER_NOT_FOUND, WHICH_CLOSED, RESIGNED_SHORT, THANKS_FIRST, MAY_I_ASK, NO_NUMBER, SO_LONG, BY_PHONE, CANNOT_GO_ONLINE, OUTAGE, AT_THE_COUNTER_STILL, PERMIT_WANTED, ASKS_FOR_STAFF, POLICY_UNTIL, SUBSCRIBE_AT_END, ASIDE_FIRST, WHAT_DO_YOU_MEAN, REACH_WHERE, SERVED_AT_THE_COUNTER, SELF_INTRODUCED, IS_THIS_THE_OFFICE, VISIT_ASKED, SUBSCRIBED_NO_NEWS, FOREIGNERS_PAPERS, REASON_NAMED, OPEN_ON_A_DAY, CLOSED_NOW, ANNOUNCEMENT_SAID, WHAT_IS_DONE_HERE, COMPLAINT_ASKED_FOR, GREETING_AND_NAME, ONLINE_POSSIBLE, COMPLAIN_HERE_FIRST, BROKER_NEEDED, NOT_UNDERSTOOD_BY_THEM, COMPLAIN_AGAIN, REASON_RUMOURED, HOW_TO_STOP, SOMEONE_TO_HELP, WHO_IS_THIS, HEY_YOU, RESIGNED_ALONE, OPEN_ASKED_LAST, NOTIFY_REQUESTED, KEEP_SUBSCRIBED, DELIVER_IN_PERSON, IN_PERSON_STILL, COMPLAIN_LAST, LATEST_NEWS, IN_PERSON_AVAILABLE, WHERE_TO_START, PERMIT_NEEDED_ASKED, WHAT_OFFICE, COMPLAIN_IN_THIS_CHAT, OPEN_NOW_RUMOURED, JUST_TESTING, GOT_IT, DATA_ASKED_FOR, VISIT_WORD, PERSON_ASKED_FOR, FILED_ELSEWHERE, HOW_TO_COMPLAIN, SURE_DATE_DEMANDED, ASKING_HOW_TO_ASK, MEANT_INSTEAD, WHY_WORD, ACK_WITH_ADDRESS, ALL_ONLINE, NUMBER_STRAIGHT, SERVICE_CALLED_BAD, KEEP_ME_TOLD, PLAN_TOLD } from './phrases.js';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { toExamples, type Corpus } from './corpus.js';
import { createEntityFinder, type EntityCatalogue, type EntityFinder, noEntities, ownAreaWords } from './entities.js';
import { createFeatureExtractor } from './features.js';
import { detectLanguage } from './language.js';
import { DEFAULT_LEXICON_DIR, loadLexicon, type Lexicon } from './lexicon.js';
import { mayHaveMarkup, stripMarkup, withoutUrls } from './markup.js';
import { NeuralNetworkClass, type NeuralNetwork, type NeuralNetworkJson, type TrainingItem } from './nlpjs.js';
import { FuzzyVocabulary } from './fuzzy.js';
import { createNormaliser } from './normalise.js';
import { DEFAULT_THRESHOLD } from './threshold.js';
import { INTENTS, type Classification, type Classifier, type IntentName, type Language } from './types.js';

/** Default confidence threshold, chosen by measurement (see `threshold.ts`). */
export { DEFAULT_THRESHOLD };

/** Messages are cut to this many characters before anything else (a 100 kB paste costs nothing). */
export const MAX_INPUT_CHARS = 1000;

const BINARY_SHARE = 0.05;

/**
 * True when text looks like binary data rather than typing: over 5% C0/C1 control characters
 * (other than whitespace) or U+FFFD, the marks of a binary payload or a mis-decoded file.
 */
export function looksBinary(text: string): boolean {
  let n = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c <= 0x08 || (c >= 0x0e && c <= 0x1f) || (c >= 0x7f && c <= 0x9f) || c === 0xfffd) n += 1;
  }
  return n > 0 && n / text.length > BINARY_SHARE;
}

/** Bump when feature extraction or scoring changes, so stale model caches are ignored. */
const MODEL_FORMAT = 'layanan-nlu-v7';
const NONE_FEATURE = 'nonefeature';
const NONE_DELTA_MULTIPLIER = 1.2; // nlp.js default: each further unknown word counts a bit more
/**
 * Out-of-domain share: a message (of two features or more) most of whose words the office's intents never use
 * is out of scope whatever the network says ("tanah lot buka jam berapa" shares only "buka jam berapa").
 * Chosen on the two development sets (heldout.json + heldout-fresh.json); see threshold.ts.
 */
export const OUT_OF_DOMAIN_SHARE = 0.5;

/** The out-of-scope decisions' parameters, chosen by measurement (see `threshold.ts`). */
export interface Tuning {
  /** Share of a message's words outside the office's vocabulary from which it is out of scope. */
  outOfDomainShare: number;
  /**
   * Naive Bayes log-odds (add-one smoothing, function words left out) of out-of-scope text against the winning
   * intent's examples, above which a message is out of scope ("is it more like the None corpus than like what it
   * was classified as?").
   */
  outOfScopeLogOdds: number;
  /** The same log-odds against all business examples together; above this a message is out of scope. */
  businessLogOdds: number;
  /** Whether a word only out-of-scope examples use, with no office word beside it, makes a message out of scope. */
  foreignWords: boolean;
  /**
   * Weight of the network's None output before normalisation: the None corpus is many times any business intent's,
   * and unweighted it pulls everyday words ("hari ini", "gimana") to None; the rules above catch other businesses.
   */
  noneScale: number;
  /** Whether a message the network scores zero everywhere is ranked by Naive Bayes instead of being None. */
  naiveBayesFallback: boolean;
}

/** The shipped tuning. */
export const TUNING: Readonly<Tuning> = Object.freeze({
  outOfDomainShare: OUT_OF_DOMAIN_SHARE,
  outOfScopeLogOdds: 0.5,
  businessLogOdds: 1.5,
  foreignWords: true,
  noneScale: 0.4,
  naiveBayesFallback: true,
});

/**
 * Subscribing and unsubscribing change what a person receives, so they need explicit wording about this bot's
 * announcements or messages: without one of these words neither intent can win ("stop aja deh", "udahan").
 * Stemmed like every feature when the classifier is built.
 */
const SUBSCRIPTION_WORDS = readFileSync(new URL('subscription-words.txt', DEFAULT_LEXICON_DIR), 'utf8')
  .split('\n')
  .filter((line) => line.trim() && !line.startsWith('#'))
  .join(' ');
const SUBSCRIPTION_INTENTS: ReadonlySet<string> = new Set(['subscribe', 'unsubscribe']);
/** Commands typed alone: the announcements' ("STOP", "berhenti", "langganan", as the bot's help says) and "info". */
const BARE_COMMANDS: ReadonlyMap<string, IntentName> = new Map<string, IntentName>([
  ['stop', 'unsubscribe'],
  ['berhenti', 'unsubscribe'],
  ['unsubscribe', 'unsubscribe'],
  ['unsub', 'unsubscribe'],
  ['subscribe', 'subscribe'],
  ['langganan', 'subscribe'],
  // "info" alone asks what the bot can tell (the menu), not an acknowledgement.
  ['info', 'help'],
  ['informasi', 'help'],
  ['berlangganan', 'subscribe'],
]);
/**
 * Emoji that acknowledge (👍 👌 🙏 ✅ 🆗 👏 🤝 ✔ ☑ 💯 🫡 🙇), alone or repeated, with skin tones, joiners and
 * variation selectors: a message of only these is `ack`. Any other emoji in it (😀 🙂 🔥 ❤️) leaves it to the classifier.
 */
const ACK_EMOJI_ONLY =
  /^(?:[\s.!]|\u{1F44D}|\u{1F44C}|\u{1F64F}|\u2705|\u{1F197}|\u{1F44F}|\u{1F91D}|\u2714|\u2611|\u{1F4AF}|\u{1FAE1}|\u{1F647}|[\u{1F3FB}-\u{1F3FF}]|\uFE0F|\u200D|\u2640|\u2642)+$/u;
const HAS_ACK_EMOJI = /\u{1F44D}|\u{1F44C}|\u{1F64F}|\u2705|\u{1F197}|\u{1F44F}|\u{1F91D}|\u2714|\u2611|\u{1F4AF}|\u{1FAE1}|\u{1F647}/u;

// "izin nanya", "izin share": "izin" here is "excuse me", not a permit.
const POLITE_IZIN = /^(?:(?:mohon|permisi) )?izin (?=(?:mau |ingin )?(?:tanya|bertanya|share|berbagi|numpang|menyampaikan|lapor|melapor|info)\b)/;

// "izin tanya", "izin bertanya": the asking itself says nothing about what is asked.
const POLITE_ASK = /^(?:(?:mohon|permisi) )?izin (?:mau |ingin )?(?:tanya|bertanya|nanya|numpang tanya)\b ?/;

/** Normalised text without a leading polite "izin" ("izin tanya, …" is "excuse me, may I ask …"). */
export function withoutPoliteIzin(normalised: string): string {
  if (POLITE_ASK.test(normalised)) {
    const rest = normalised.replace(POLITE_ASK, '');
    // "izin tanya" alone still asks something: leave it to the classifier.
    if (rest) return rest;
  }
  return POLITE_IZIN.test(normalised) ? normalised.replace(POLITE_IZIN, '') : normalised;
}

/** True when the message is only acknowledging emoji (👍, 🙏🏽🙏🏽, ✅). */
/** A wave alone ("👋", with a skin tone): a greeting. */
const WAVE_ONLY = /^(?:\s|\u{1F44B}|[\u{1F3FB}-\u{1F3FF}]|\uFE0F)*\u{1F44B}(?:\s|\u{1F44B}|[\u{1F3FB}-\u{1F3FF}]|\uFE0F)*$/u;

export function isAckEmoji(text: string): boolean {
  return HAS_ACK_EMOJI.test(text) && ACK_EMOJI_ONLY.test(text);
}

/** Function words: they say nothing about whether a message is about the office (left out of the log-odds). */
const FUNCTION_WORDS =
  'ini itu hari yang di ke dari untuk dan atau saya aku kamu kami kita anda ada apa apakah bisa tidak sudah belum mau ' +
  'ingin kok dong ya sih saja lagi juga tolong mohon bagaimana cara kapan berapa dimana mana kenapa mengapa siapa ' +
  'sekarang tadi besok kemarin masih sama dengan kalau tapi karena jadi terus baru boleh harus perlu minta tanya ' +
  'gimana buat bikin pakai lewat sampai jam nya the a an is are to of for in on at my i you it this that what when ' +
  'where how why can do does please';
/** Words that tie a message to the office whatever else it names ("izin villa di badung"): no foreign-word rule. */
const OFFICE_ANCHORS =
  'izin perizinan permohonan pengajuan dpmptsp ptsp dinas berkas formulir verifikasi survei konsultasi petugas ' +
  'pegawai loket tatap muka langganan notifikasi pengumuman permit license';
/** Normalised text of an elliptic follow-up ("kalau yang …", "terus kalau …", "how about …"). */
const ELLIPTIC = /^(?:(?:terus|trus|trs|lalu|nah|oh|oke|ok) )?(?:kalau|what about|how about)\b/;
/** A leading salutation in normalised text ("hello ", "halo kak ", "selamat siang bapak ibu "). */
const SALUTATION =
  /^(?:(?:hello|hallo|halo|hai|hi|hey|permisi|punten|assalamualaikum|om swastiastu|good (?:morning|afternoon|evening)|(?:selamat|met) (?:pagi|siang|sore|malam))(?: (?:min|kak|bli|mbok|pak|bu|bapak|ibu|admin|sir|there))* )+/;
/** A filler before a question ("eh bntr, kantor skrg buka jam brp?", "oh iya, …", "tunggu dulu, …"): set aside like a salutation. */
const FILLER_LEAD = /^(?:(?:eh|oh|ah|hmm+|emm+|anu|btw|oiya|oh iya|eh iya|eh tapi|sebentar|bentar|tunggu|wait)(?: (?:sebentar|bentar|tunggu|dulu|deh|ya|min|kak|bli|pak|bu))* )+/;
/** A salutation is set aside when this many words follow it ("hai kak, ada yg jaga?" still greets). */
const SALUTED_QUESTION_WORDS = 4;
/** "ya sudah", "iya sudah deh", "oke sudah": an acknowledgement, word order deciding (bag-of-words cannot). */
const RESIGNED_ACK = /^(?:(?:aduh|waduh|duh|yah|oh|ah|hmm+) )?(?:ya|iya|oke|ok) sudah\b/;
/** A question that starts by asking why and asks no "until when" beside it. */
const WHY_ASKED = /^(?:(?:tapi|terus|lalu|jadi|oh|kak|min|pak|bu|bli|mbok|sebenarnya) )*(?:kenapa|mengapa|why)\b(?!.*\b(?:sampai kapan|kapan|until when|how long|berapa lama)\b)/;
/** Words that say something is closed or moved online: a why-question with one asks the closure's reason. */
const CLOSED_WORD = /\b(?:tutup|ditutup|ditiadakan|closed|close|libur|diliburkan|tidak (?:buka|dibuka)|online saja|lockdown)\b/;
/** What a why-question is misread as: the closure's state, its length, the online services. */
const WHY_OVER: ReadonlySet<string> = new Set(['closure.status', 'closure.duration', 'service.online', 'permit.pickup', 'form.request', 'field_verification', 'office.hours', 'consultation']);
/** Sending the documents somewhere: "kirim berkasnya kemana", "dokumen diupload dimana". */
const WHERE_SENT = /\b(?:kirim|dikirim|kirimnya|dikirimkan|diserahkan|serahkan|upload|diupload|unggah|diunggah|antar|diantar|send|submit)\b.*\b(?:kemana|ke mana|dimana|di mana|where)\b/;
/** An application's papers ("berkasnya", "dokumen", "formulir yang sudah diisi"): sent in, never a finished permit collected. */
const APPLICATION_PAPERS = /\b(?:berkas|dokumen|persyaratan|formulir|diisi)\w*/;
/** A form filled in, about to go in ("kalau udah isi form, dokumennya kirim kemana?"): nothing waited for yet. */
const FILLED_IN = /\b(?:sudah|udah|setelah|habis|selesai) (?:di)?isi\b|\bdiisi\b/;
/** The office or its services named ("kenapa gak bisa datang ke kantor", "kenapa pelayanan izin …"). */
const OF_THE_OFFICE = /\b(?:kantor\w*|loket\w*|layanan|pelayanan|dinas|dpmptsp|ptsp|izin|perizinan|tatap muka|datang|dateng|office|services?|counter|open|buka)\b/;
/** Why something is needed ("why would I need it?", "kenapa harus punya NIB"). */
const WHY_NEEDED = /\b(?:why|kenapa|mengapa)\b.{0,15}\b(?:need|needed|perlu|butuh|harus|wajib|must)\b/;
/** Until a time ("sampai Kuningan gen?"). */
const UNTIL_WORD = /\b(?:sampai|hingga|sampe|until|till)\b/;
/** What a where-to-send question is misread as. */
const WHERE_SENT_OVER: ReadonlySet<string> = new Set(['form.request', 'contact.info', 'application.stalled']);
/** Being told when it reopens: "kl udh buka dikabarin gak", "kabari kalau sudah dibuka". */
const TOLD_WHEN_OPEN = /\b(?:dikabari|dikabarin|kabari|kabarin|diinfokan|diinfoin|diberitahu|diberi tahu|let me know|tell me|notify me)\b.*\b(?:buka|dibuka|open|opens|reopen\w*)\b|\b(?:buka|dibuka|open|opens|reopen\w*)\b.*\b(?:dikabari|dikabarin|kabari|kabarin|diinfokan|diinfoin|diberitahu|diberi tahu|let me know|tell me|notify me)\b/;
/** What a told-when-it-reopens question is misread as (a subscription request stays one). */
const TOLD_OVER: ReadonlySet<string> = new Set(['closure.status', 'closure.duration', 'None', 'consultation', 'contact.info']);
/** "(ok) mau tanya ke petugas (aja)", "boleh bicara dengan pegawai": asking for a person. */
const ASK_A_PERSON = /^(?:(?:iya|ya|oke|baik|kalau begitu|ya sudah|oh|halo|hai|permisi|selamat (?:pagi|siang|sore|malam)|om swastiastu|kak|min|pak|bu) )*(?:saya )?(?:mau|ingin|pengen|boleh|bisa|minta)(?: langsung)? (?:tanya|bertanya|bicara|ngobrol|ngomong|konsultasi|chat|disambungkan)\w*(?: langsung)? (?:ke|dengan|sama|kepada) (?:petugas|pegawai|staf|staff|orang|admin|cs|operator|manusia)\w*\b(?: (?:saja|aja|deh|dong|ya|langsung|kak|min))*$/;
/** What asking for a person is misread as. */
const ASK_A_PERSON_OVER: ReadonlySet<string> = new Set(['office.staffing', 'None', 'ack', 'help', 'contact.info', 'complaint.file']);
/** "mau lapor, …", "saya mau mengadu …": wanting to complain, said first. */
const WANTS_TO_COMPLAIN =
  /^(?:(?:halo|permisi|maaf|selamat (?:pagi|siang|sore|malam)|pagi|siang|sore|malam) )?(?:(?:pokoknya|pokok|intinya|jadi|ya sudah|oke|ok|baik|kalau begitu) )?(?:(?:kak|min|pak|bu|bapak|ibu|admin|bli|mbok|gus) )?(?:saya |tiang |aku )?(?:mau|ingin|pengen|akan) (?:(?:menyampaikan|sampaikan|mengajukan|ajukan|membuat|bikin|buat) (?:pengaduan|aduan|keluhan|komplain|laporan)|pengaduan|lapor|melapor|melaporkan|laporin|ngelaporin|lapor\w*|mengadu|mengadukan|ngadu|ngaduin|komplain|complain|protes)\b(?! (?:lkpm|spt|pajak|kehilangan|hilang|kelahiran|kematian|pindah|kegiatan))|^(?:hi |hello )?i (?:want|would like|wish|need|wanna) to (?:file|make|lodge|submit|raise) an? (?:complaint|report)\b|^(?:hi |hello )?i (?:want|would like|need) to (?:complain|report)\b/;
/**
 * What a message opening with a complaint keeps: another agency's business ("mau lapor ktp hilang" is no
 * complaint to this office). Anything else it was misread as gives way (a ticket number in it is a status
 * question all the same: the step looks the number up).
 */
const WANTS_TO_COMPLAIN_KEEPS: ReadonlySet<string> = new Set(['complaint.file', 'referral']);
/** "since when", "sejak kapan", "mulai kapan" (a whole question of a few words, or one about the closure). */
const SINCE_ASKED = /^(?:(?:and|so|terus|lalu|oh|jadi) )?(?:since|sejak|mulai) (?:when|kapan)\b(?:\s+\S+){0,3}$/;
/** What "since when" is misread as. */
const SINCE_OVER: ReadonlySet<string> = new Set(['closure.duration', 'office.hours', 'None', 'closure.status']);
/** Words that make a "ya sudah" a farewell. */
const LEAVE_TAKING = /\b(?:dulu|pamit|jumpa|ketemu|bye|dadah|cukup|sekian|wassalam\w*)\b/;
/**
 * Wrongdoing by officers or about the service, described without a complaint word ("org ngaku pegawai minta uang
 * biar PBG cepet", "petugas yg nerima telpon kasar bgt", "chat sy ga pernah dibales admin"): a complaint. Read on
 * normalised text; it only replaces an answer that is no business answer (see `WRONGDOING_OVER`).
 */
const WRONGDOING = new RegExp(
  [
    String.raw`\b(?:petugas\w*|pegawai\w*|staf|staff|oknum|admin\w*|calo|satpam\w*|security\w*|penjaga\w*|yang (?:mengangkat|angkat|menerima|terima|melayani|jawab|menjawab)\w*)\b.{0,40}\b(?:kasar|judes|jutek|ketus|galak|membentak|bentak|marah marah|tidak ramah|tidak sopan|mengusir|ngusir|diusir|memeras|pungli|minta (?:uang|duit|bayaran|imbalan|transfer|pelicin|fee|tip|biaya tambahan|uang tambahan|\d+ ?(?:rb|ribu|jt|juta|k)\b))\b`,
    String.raw`\b(?:minta|meminta|dimintai|disuruh bayar|suruh bayar)\b.{0,20}\b(?:uang|duit|bayaran|imbalan|biaya|pelicin|\d+ ?(?:rb|ribu|jt|juta|k))\b.{0,40}\b(?:izin\w*|berkas\w*|pbg|imb|sk|cepat|dipercepat|didahulukan)\b`,
    String.raw`\b(?:tidak pernah|belum pernah|tidak)\s+(?:dibalas|dibales|dijawab|direspon|direspons|ditanggapi)\b.{0,30}\b(?:admin\w*|petugas\w*|dinas|kantor)\b`,
    // and the office first: "sy udh 3x kirim email ke kantor … gak pernah dibales"
    String.raw`\b(?:kantor|dinas|petugas\w*|admin\w*)\b.{0,50}\b(?:tidak pernah|belum pernah)\s+(?:dibalas|dibales|dijawab|direspon|direspons|ditanggapi)\b`,
    // a fee outside the official one to hurry a permit: "bisa cepet asal bayar 2jt diluar resmi"
    String.raw`\b(?:asal|harus|dengan|kalau|kalo) (?:bayar|kasih|transfer)\b.{0,20}\b(?:\d+ ?(?:rb|ribu|jt|juta|k)|uang)\b.{0,30}\b(?:di ?luar|tidak resmi|biar cepat|supaya cepat)\b|\b(?:cepat|cepet|kilat)\b.{0,20}\b(?:asal|asalkan) (?:bayar|kasih)\b`,
    // nobody at the counter in working hours: "petugasnya gak ada sm sekali, nunggu 2 jam … padahal jam kerja"
    String.raw`\b(?:petugas|pegawai)\w*\b.{0,15}\b(?:tidak ada|gak ada|ga ada)\b.{0,80}\b(?:padahal (?:jam kerja|jam buka|jam layanan)|(?:nunggu|menunggu) \d+ jam)\b`,
    // the office's mailbox bouncing: "dibales otomatis 'mailbox full'"
    String.raw`\b(?:mailbox full|mailbox penuh|inbox penuh|email (?:kantor\w* )?penuh|kotak masuk penuh)\b`,
    // a permit refused with no reason given: "ditolak2 terus tanpa alasan", "ditolak tanpa alasan jelas"
    String.raw`\bditolak\w*\b.{0,30}\b(?:tanpa alasan|tanpa penjelasan|alasannya tidak jelas|tidak jelas alasannya)\b`,
  ].join('|'),
);
/**
 * The office's website or online form broken, described without a complaint word ("form online nya gak bisa
 * dibuka dr kemarin", "web dinas error terus"): a complaint. OSS is the national system (its problems are OSS
 * questions), so a message naming it is left to the classifier.
 */
const BROKEN_SITE = new RegExp(
  [
    String.raw`^(?!.*\boss\b).*\b(?:web|website|situs|laman|link|tautan|formulir|form|portal|halaman)\w*\b.{0,30}\b(?:tidak bisa (?:dibuka|diakses|dibuka|masuk|diklik|dikirim|di ?upload|diunggah|disubmit|terbuka)|error|eror|down|loading terus|blank|tidak jalan|tidak berfungsi|rusak|bermasalah|gagal (?:dibuka|diakses|kirim|upload|submit))\b`,
    String.raw`^(?!.*\boss\b).*\btidak bisa (?:buka|akses|membuka|mengakses)\b.{0,15}\b(?:web|website|situs|laman|link|formulir|form|portal)\w*\b`,
  ].join('|'),
);
/** What a described wrongdoing overrides: nothing understood, or an answer that is no business answer. */
// (and the closure: "yg menjawab ketus lalu teleponnya ditutup" is no question whether the office is closed)
const WRONGDOING_OVER: ReadonlySet<string> = new Set(['None', 'goodbye', 'greeting', 'help', 'ack', 'consultation', 'contact.info', 'thanks', 'application.stalled', 'closure.status', 'field_verification', 'form.request', 'oss.registration', 'service.online', 'permit.pickup', 'office.staffing']);
/** Words that name a permit as a permit ("izin apotek", "formulir reklame"), not the shop or the billboard itself. */
const PERMIT_WORD = /\b(?:izin\w*|ijin\w*|perizinan|permits?|licen[cs]es?|formulir\w*)\b/;
/** What goes wrong with an OSS account: a message naming OSS with one of these is an OSS question. */
const OSS_TROUBLE = /\b(?:lupa|hilang|tidak bisa|gagal|error|eror|password|sandi|email|akun|login|masuk|daftar|nib)\b/;
/** Below this network score a phrase rule's reading wins (see `weak` in `predict`). */
const PHRASE_OVER = 0.7;
/** What a forwarded closure announcement also says, which the network may read it as. */
const FORWARDED_ALSO_SAYS: ReadonlySet<string> = new Set(['office.staffing', 'service.online']);
/** Nothing understood, or small talk: never the answer to a message naming a catalogue permit ("izin apotik"). */
const SMALL_TALK: ReadonlySet<string> = new Set(['None', 'greeting', 'thanks', 'goodbye', 'ack', 'help']);
/** A form asked for by name of the form ("formulir izin usaha perikanan ada ga?", "formnya dmn"). */
const FORM_ASKED = /\b(?:formulir\w*|form|formnya|blanko\w*|template)\b/;
/** What a form asked for overrides: nothing understood, small talk, or a question only a person could answer. */
const FORM_ASKED_OVER: ReadonlySet<string> = new Set([...SMALL_TALK, 'consultation']);
/** "formnya", "formulirnya": the form of what was being talked about (no other business named). */
const OUR_FORM = /\b(?:formnya|formulirnya|formulir pendaftaran)\b/;
/** Another institution's office: "kantor desa", "kantor pos", "kantor camat". */
const OTHER_OFFICE = /\bkantor (?:dukcapil|disdukcapil|capil|kependudukan|desa|kelurahan|lurah|camat|kecamatan|pos|polisi|polsek|polres|bank|pajak|imigrasi|samsat|bpjs|pln|pdam|notaris|bupati|gubernur|dprd)\b/;
/** Asking for a way of contact: "bisa telpon ke nomor berapa". */
const CONTACT_ASKED = /\b(?:telpon|telepon|telp|nomor|nomer|hubungi|kontak|whatsapp|call|email)\b/;
/** Where a form is ("kalo tutup dmn formnya"): the forms page, whatever closure word came with it. */
const FORM_WHERE = /\b(?:dimana|di mana|mana|link|linknya|minta|unduh|download|where)\b/;
/** A permit's name changed: "udh ganti nama ya jd pbg?", "imb sekarang jadi apa", "what is it called now". */
const RENAMED = /\b(?:ganti nama|berganti nama|ganti jadi|namanya (?:ganti|berubah|sekarang)|nama baru(?:nya)?|sekarang (?:jadi|menjadi|namanya)|berubah (?:jadi|menjadi|nama)|renamed|new name|called now)\b/;
/** Something waited for ("belum ada balasan", "sudah 3 minggu"): what an application gone quiet is told with. */
const WAITED =
  /\b(?:belum|tidak ada|tidak dapat|lama|sudah|minggu|bulan|hari|kok|mandek|macet|nyangkut|stuck|gantung|menggantung|pending|proses\w*|diproses|berubah|respon\w*|balas\w*|jawab\w*|kabar\w*|no reply|no answer|still|yet|weeks?|months?|days?)\b/;
/** Asking whether documents may go in some way: "kirim berkas via email boleh?", "can I upload it". */
const SENDING_ASKED = /\b(?:kirim|dikirim|upload|diupload|unggah|diunggah|email|via|lewat|send|submit)\b.*\b(?:boleh|bisa|can|may)\b|\b(?:boleh|bisa|can|may)\b.*\b(?:kirim|dikirim|upload|diupload|unggah|diunggah|email|via|lewat|send|submit)\b/;
/** Whether something runs now: "bisa diurus sekarang?", "masih buka?", "jalan tidak". */
const STILL_RUNS = /\b(?:bisa|masih|buka|dibuka|tutup|ditutup|jalan|berjalan|dilayani|diurus|sekarang|open|closed|available)\b/;
/** Closure intents: a message naming OSS without a closure word asks about OSS ("trs NIB perlu ga?"). */
const CLOSURE_INTENTS: ReadonlySet<string> = new Set(['closure.status', 'closure.duration', 'closure.reason']);
/** What a weak question for staff with no word of a person may be read as instead: what the office's data answers. */
const NEXT_OF_A_WEAK_CONSULTATION: ReadonlySet<string> = new Set([...CLOSURE_INTENTS, 'oss.registration', 'service.online', 'office.hours', 'field_verification']);
/** What a site visit named ("tanah sy mau disurvei", "surveynya gmn?") overrides. */
const SITE_VISIT_OVER: ReadonlySet<string> = new Set([...SMALL_TALK, 'complaint.file', 'complaint.status', 'consultation', 'application.stalled']);
/** "izin cuti besok", "izin sakit pak", "ijin telat": asking leave (of a teacher, a boss), never a permit. */
const LEAVE_OF_ABSENCE = /^(?:(?:mohon|permisi|pak|bu|bos|kak|maaf) )*izin (?:cuti|sakit|tidak masuk|absen|pulang|telat|terlambat|datang terlambat|keluar|pamit|libur|off)\b/;
/** The office's own place named ("kantor", "loket"): with a closure word or nobody there, a closure question. */
const OFFICE_PLACE = /\b(?:kantor|kantornya|loket|loketnya|dpmptsp|ptsp)\b/;
/** Until when, asked: what a closure.duration reading needs ("kantor tutup, sy udh jauh2 dr baturiti" has none). */
const UNTIL_ASKED = /\b(?:sampai|kapan|lama|until|when|long|berapa|lagi|buka)\b/;
/** Nobody at the office: "kok gak ada orang", "sepi", "kosong". */
const NOBODY_THERE = /\b(?:tidak|kok|kok tidak) ada (?:orang|petugas|pegawai|yang jaga|siapa siapa)\b|\b(?:sepi|kosong|dikunci|digembok)\b/;
/** What a closure seen at the office overrides (the network reads "dapat kabar …" as the announcements). */
const CLOSURE_SEEN_OVER: ReadonlySet<string> = new Set([...SMALL_TALK, 'subscribe', 'unsubscribe']);
/** "ok saya cek facebook nya", "siap nanti saya coba": an acknowledgement with what the person will do next. */
const ACK_WITH_PLAN = /^(?:iya|ok|oke|okey|okay|baik|siap|sip|oh|noted|mantap)(?: (?:deh|kak|min|pak|bu|ya|kalau begitu|gitu))* (?:(?:nanti|besok|segera) )?(?:saya|aku|kami)? ?(?:(?:nanti|besok|segera|mau|akan|coba) )?(?:cek|coba|lihat|buka|tunggu|hubungi|baca|isi|unduh|download|kirim|pelajari|catat|simpan|telepon|chat|ke sana|kesana|urus|siapkan|cari)\b(?: \S+){0,4}$/;
/** "pantas lama", "pantesan": understanding the last answer, no question. */
const UNDERSTOOD = /^(?:oh |o |ooh )?(?:pantas|pantasan|pantesan)\b(?: \S+){0,3}$/;
/** A question word: an acknowledgement holds none. */
const QUESTION_WORD = /\b(?:apa|apakah|bagaimana|kapan|dimana|mana|berapa|kenapa|mengapa|siapa|bisa|boleh|what|how|when|where|why|can)\b/;
/** A first sentence asking for a person, on the raw text ("saya ingin konsultasi dengan petugas. …"). */
const PERSON_FIRST =
  /^\s*(?:(?:hi|hello|hey)[\s,.!]+)?(?:i'?d like to|i would like to|i want to|can i|could i|may i)\s+(?:speak|talk|chat)\s+(?:to|with)\s+(?:a |an |the |some )?(?:staff|person|human|officer|someone|agent|representative)\w*(?:\s+(?:member|please))*\s*[.,!:;?]\s*\S|^\s*(?:(?:halo|hai|permisi|selamat (?:pagi|siang|sore|malam)|om swastiastu|kak|min|pak|bu|nak|dik|mas|mbak|bli|mbok)[\s,.!]+)*(?:saya|sy|aku|aq|bapak|ibu|tiang|kulo)?\s*(?:mau|ingin|pengen|pingin)\s+(?:konsultasi|konsul|bertanya|tanya|nanya|bicara|ngobrol)\s+(?:ke|dengan|dgn|dg|sama|sm|kepada)\s+(?:petugas|pegawai|staf|staff|orang)\w*(?:\s+(?:kantor\w*|dinas\w*|langsung|aja|saja|bisa|bs|boleh|nya|kah|ya)){0,3}\s*[.,!:;?]\s*\S/i;
/** Complaint words (normalised). */
const COMPLAINT_WORD = /\b(?:lapor\w*|melapor\w*|pengaduan|aduan|mengadu\w*|komplain\w*|complain\w*|keluh\w*|protes)\b/;
/** Money asked into a private account. */
const BRIBE = /\b(?:minta|meminta) (?:uang|duit) (?:rokok|kopi|pelicin|bensin|lelah|terima kasih)\b|\b(?:transfer|tf|bayar|setor|kirim uang|kasih uang)\b.{0,50}\brekening (?:pribadi|pegawai|petugas|orang)\b|\brekening pribadi\b.{0,50}\b(?:izin\w*|cepat|berkas)\b|\b(?:minta|meminta|kasih|dikasih|memberi) (?:\S+ )?amplop\b/;
/** The office in the message: a bribe told of it. */
const OFFICE_CONTEXT = /\b(?:kantor|petugas\w*|pegawai\w*|oknum|dinas|dpmptsp|ptsp|izin\w*|ijin\w*|berkas|satpam\w*|loket\w*|office|officer|staff|clerk|permit|licen[cs]e)\b/;
/** A message headed as a complaint ("pengaduan: …", "komplain - …"), on the raw text. */
const COMPLAINT_HEADED = /^\s*(?:(?:saya |sy |aku )?(?:mau|ingin|pengen) )?(?:pengaduan|aduan|komplain|complaint|keluhan|laporan|lapor|ngadu|mengadu)\s*[:\-–]\s*\S/i;
/** Words of collecting a permit or of a permit finished (normalised). */
const PICKUP_WORD = /\b(?:ambil|diambil|ambilnya|mengambil|ngambil|pengambilan|jemput|dijemput|collect\w*|pick(?:ed)? up|pickup|dikirim|kirim\w*|terbit\w*|jadi|selesai|sudah keluar|diwakilkan|wakil\w*|cetak|dicetak|fisik|asli|hardcopy|salinan|received?|ready|issued|sent)\b/;
/** Collecting a finished permit. */
const COLLECT = /\b(?:diambil|ambil|ngambil|mengambil|collect|pick up)\b/;
/** The share of staff at the office: "berapa persen yang masuk". */
const PERCENT_IN = /\b(?:persen|percent|seperempat|sepertiga|setengah|quarter)\b.*\b(?:masuk|ngantor|kerja|bekerja|pegawai|staf|staff|petugas|work\w*)\b|\b(?:masuk|ngantor|pegawai|staf|staff|petugas)\b.*\b(?:persen|percent|seperempat|sepertiga|setengah|quarter)\b/;
/** The menu asked for. */
const MENU_ASKED = /\b(?:menu|menunya|daftar topik|pilihan topik|main menu)\b/;
/** "… ini beneran?", "bener ga?": whether what the person read is true. */
const IS_IT_TRUE = /\b(?:beneran|benar|bener|betul|valid|hoax|hoaks|asli|true|kabarnya|katanya)\b/;
/** Laughter and "just kidding": no meaning of their own ("wkwk canda, kantor buka kapan?"). */
const LAUGHTER = /\b(?:w+k+(?:w+k*)*|a*(?:ha){2,}h?|(?:he){2,}h?|(?:hi){2,}h?|xi(?:xi)+|lol|lmao|canda|bercanda|becanda|becanda deh|jk)\b/g;

/** "tes", "test 123", "p", "ping": checking the bot is alive, no greeting (the menu answers it). */
const ALIVE_CHECK = /^(?:tes|test|testing|ping|p|cek|check)(?: (?:tes|test|testing|ping|cek|check|\d+))*$/;
/** From this many words a message is also judged by its last clause(s) (see `predict`). */
const LONG_MESSAGE_WORDS = 20;
/** Where a clause of a long message ends: sentence punctuation or a comma. */
const CLAUSE_END = /[.,;!?？\n]+/;
/** Indonesian affixes: a token that is a known word with these is a word, not a typo ('' = none). */
const AFFIX_PREFIXES = ['', 'ber', 'be', 'di', 'me', 'mem', 'men', 'meng', 'meny', 'pe', 'pem', 'pen', 'peng', 'per', 'ter', 'ke', 'se'];
const AFFIX_SUFFIXES = ['', 'nya', 'kan', 'an', 'i', 'lah', 'kah', 'kannya', 'annya'];
/** Words of an area's kind, and of an office before them ("dpmptsp kota mataram"). */
const AREA_WORD: ReadonlySet<string> = new Set(['kota', 'kabupaten', 'kab', 'provinsi', 'prov']);
const OFFICE_WORD: ReadonlySet<string> = new Set(['dpmptsp', 'ptsp', 'dinas', 'kantor', 'pemkab', 'pemkot', 'perizinan']);
/** Words before a place that say where the person is from, not what they ask about. */
const ORIGIN: ReadonlySet<string> = new Set(['dari', 'asal', 'from', 'tinggal', 'domisili', 'warga', 'orang', 'kerja', 'bekerja']);
const NETWORK_SETTINGS = { iterations: 20000, errorThresh: 0.00005, deltaErrorThresh: 0.0000001, learningRate: 0.6, momentum: 0.5, alpha: 0.07 };

/** Options of {@link createClassifier}. */
export interface ClassifierOptions {
  /** Validated corpora (see `loadCorpora`). */
  corpora: readonly Corpus[];
  /** Scores below this fall back to `None` (default {@link DEFAULT_THRESHOLD}). */
  threshold?: number;
  /** Where to cache the trained model (e.g. under the data dir). Unwritable -> ignored. */
  modelCachePath?: string;
  /** Lexicon for the normaliser (default: the shipped one). */
  lexicon?: Lexicon;
  /**
   * Words of the office's own catalogue (permit names and aliases, service names) that count as in domain
   * even when no training utterance uses them ("formulir siup"). From the office data file; not trained on.
   */
  domainTerms?: readonly string[];
  /**
   * The office catalogue (the office data's `forms` and `services`): classifications then name the permits and
   * services a message mentions (`entities`). Not trained on.
   */
  catalogue?: EntityCatalogue;
  /** Other out-of-scope parameters (evaluation and experiments; default {@link TUNING}). */
  tuning?: Partial<Tuning>;
}

/** A training utterance after normalisation. */
interface NormalisedExample {
  intent: IntentName;
  normalised: string;
}

/** A ranked intent with its score. */
export interface ScoredIntent {
  intent: IntentName;
  score: number;
}

/** The classifier plus what evaluation and start-up logs need. */
export interface NluClassifier extends Classifier {
  /** The threshold `classify` applies. */
  readonly threshold: number;
  /** True when the model came from `modelCachePath` instead of training. */
  readonly fromCache: boolean;
  /** Milliseconds spent training or loading the model. */
  readonly readyMs: number;
  /** Best intent before the threshold is applied (for threshold sweeps). Never throws. */
  predict(text: string): Classification;
  /** All intents with a non-zero score, best first. */
  rank(text: string): ScoredIntent[];
}

interface ModelCache {
  format: string;
  key: string;
  network: NeuralNetworkJson;
  intentFeatures: Record<string, string[]>;
  /** Word counts per intent (for the out-of-scope log-odds). */
  wordCounts: Record<string, Record<string, number>>;
}

const INTENT_SET: ReadonlySet<string> = new Set(INTENTS);
const isIntent = (s: string): s is IntentName => INTENT_SET.has(s);

/**
 * Train (or load from cache) a classifier over the corpora. Synchronous: training the
 * network is CPU-bound and happens once at start-up.
 */
export function createClassifier(options: ClassifierOptions): NluClassifier {
  const started = performance.now();
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const lexicon = options.lexicon ?? loadLexicon();
  const fx = createFeatureExtractor();
  const plain = createNormaliser(lexicon);
  // Every training utterance normalised once: the typo vocabulary, the word counts and training all read these.
  const examples: NormalisedExample[] = toExamples(options.corpora).map((ex) => ({ intent: ex.intent, normalised: plain(ex.utterance) }));
  const normalise = createTypoTolerantNormaliser(plain, lexicon, examples, options.domainTerms ?? []);
  // Words typed without spaces are split into the words the lexicon, the examples and the office's terms know.
  let vocabulary: Set<string> | undefined;
  const unglue = createUngluer(() => {
    if (vocabulary) return vocabulary;
    vocabulary = new Set<string>([...lexicon.known, ...lexicon.map.keys()]);
    for (const ex of examples) for (const w of ex.normalised.split(' ')) if (w.length >= 2) vocabulary.add(w);
    for (const term of options.domainTerms ?? []) for (const w of term.toLowerCase().split(/[^\p{L}\p{N}]+/u)) if (w.length >= 2) vocabulary.add(w);
    return vocabulary;
  });

  const key = createHash('sha256')
    .update(MODEL_FORMAT)
    .update(JSON.stringify(options.corpora))
    .update(lexicon.sourceText)
    .update(JSON.stringify(NETWORK_SETTINGS))
    .digest('hex');

  let network: NeuralNetwork | undefined;
  let intentFeatures: Map<string, ReadonlySet<string>> | undefined;
  let fromCache = false;
  let words: WordCounts | undefined;

  if (options.modelCachePath) {
    const cached = readCache(options.modelCachePath, key);
    if (cached) {
      network = new NeuralNetworkClass();
      network.fromJSON(cached.network);
      intentFeatures = new Map(Object.entries(cached.intentFeatures).map(([k, v]) => [k, new Set(v)]));
      words = wordCountsFromJson(cached.wordCounts);
      fromCache = true;
    }
  }

  if (!network || !intentFeatures) {
    const trained = train(examples, fx.features);
    network = trained.network;
    intentFeatures = trained.intentFeatures;
    words = countWords(examples, fx.features);
    if (options.modelCachePath) {
      writeCache(options.modelCachePath, {
        format: MODEL_FORMAT,
        key,
        network: network.toJSON(),
        intentFeatures: Object.fromEntries([...intentFeatures].map(([k, v]) => [k, [...v]])),
        wordCounts: Object.fromEntries([...words.counts].map(([k, v]) => [k, Object.fromEntries(v)])),
      });
    }
  }

  const net = network;
  const featuresByIntent = intentFeatures;
  const known = new Set<string>();
  for (const set of featuresByIntent.values()) for (const f of set) known.add(f);
  const intents = [...featuresByIntent.keys()].filter(isIntent);
  const noneDelta = intents.length / Math.max(1, known.size);
  // Words the business intents use; None's own examples do not make a word "in domain".
  const domain = new Set<string>();
  for (const [intent, set] of featuresByIntent) if (intent !== 'None') for (const f of set) domain.add(f);
  for (const term of options.domainTerms ?? []) for (const f of Object.keys(fx.features(normalise(term)))) domain.add(f);
  const findEntities: EntityFinder = options.catalogue
    ? createEntityFinder(options.catalogue, normalise, { typos: false })
    : noEntities;
  const tuning: Tuning = { ...TUNING, ...options.tuning };
  const wordCounts = words ?? countWords(examples, fx.features);
  const functionWords = new Set(Object.keys(fx.features(normalise(FUNCTION_WORDS))));
  const noneKnown = featuresByIntent.get('None') ?? new Set<string>();
  const anchors = new Set<string>();
  for (const term of [...(options.domainTerms ?? []), OFFICE_ANCHORS]) for (const f of Object.keys(fx.features(normalise(term)))) anchors.add(f);
  const subscriptionWords = new Set(Object.keys(fx.features(normalise(SUBSCRIPTION_WORDS))));
  const elsewhere = new Set((options.catalogue?.elsewhere ?? []).map((p) => plain(p)).filter((p) => p && !p.includes(' ')));
  const ownArea = new Set(ownAreaWords(plain(options.catalogue?.region ?? '')));
  /** Whether normalised text asks about a place outside the office's area ("dpmptsp denpasar alamatnya dimana"). */
  const aboutElsewhere = (normalised: string): boolean => {
    if (elsewhere.size === 0) return false;
    const tokens = normalised.split(' ');
    let other = false;
    for (let i = 0; i < tokens.length; i += 1) {
      const t = tokens[i] ?? '';
      if (ownArea.has(t)) return false;
      // Where the person comes from or lives ("saya dari denpasar mau bikin izin") is no other office's business.
      if (elsewhere.has(t) && !ORIGIN.has(tokens[i - 1] ?? '') && !ORIGIN.has(tokens[i - 2] ?? '')) other = true;
      // "dpmptsp kota mataram", "dinas perizinan kabupaten sleman": an office of an area the list does not name.
      if (AREA_WORD.has(t) && OFFICE_WORD.has(tokens[i - 1] ?? '') && !ownArea.has(tokens[i + 1] ?? '') && (tokens[i + 1] ?? '').length > 2) other = true;
    }
    return other;
  };

  /** Whether features name something only out-of-scope examples name ("kurir", "pln", "gopay") and no office word. */
  const namesOtherBusiness = (features: readonly string[]): boolean => !features.some((f) => anchors.has(f)) && namesForeignWord(features);
  /** Whether features hold a word only out-of-scope examples use, office words beside it or not ("petugas pln"). */
  const namesForeignWord = (features: readonly string[]): boolean => features.some((f) => !domain.has(f) && noneKnown.has(f) && /^\p{L}{3,}$/u.test(f));

  const rankNormalised = (normalised: string): ScoredIntent[] => {
    const bag = fx.features(normalised);
    const input: Record<string, number> = {};
    let unknown = 0;
    let anyKnown = false;
    for (const f of Object.keys(bag)) {
      if (known.has(f)) {
        input[f] = 1;
        anyKnown = true;
      } else unknown += 1;
    }
    if (!anyKnown) return [];
    const features = Object.keys(bag);
    if (features.length >= 2) {
      let outside = 0;
      for (const f of features) if (!domain.has(f)) outside += 1;
      if (outside / features.length >= tuning.outOfDomainShare) return [];
    }
    // The words people use for other businesses, weighed against the office's (Naive Bayes log-odds).
    if (logOddsOf(wordCounts, features, BUSINESS, functionWords) > tuning.businessLogOdds) return [];
    // A word only out-of-scope examples use ("kurir", "gopay", "sinyal") and no office word: another business.
    if (tuning.foreignWords && namesOtherBusiness(features)) return [];
    if (unknown > 0) {
      let value = 0;
      let delta = noneDelta;
      for (let i = 0; i < unknown; i += 1) {
        value += delta;
        delta *= NONE_DELTA_MULTIPLIER;
      }
      input[NONE_FEATURE] = value;
    }
    const raw = net.run(input) ?? {};
    const out: ScoredIntent[] = [];
    let total = 0;
    let explicitSubscription = false;
    for (const f of features) if (subscriptionWords.has(f)) explicitSubscription = true;
    for (const intent of intents) {
      let s = raw[intent] ?? 0;
      if (s > 0 && intent !== 'None' && !activated(featuresByIntent.get(intent), input)) s = 0;
      if (s > 0 && !explicitSubscription && SUBSCRIPTION_INTENTS.has(intent)) s = 0;
      if (intent === 'None') s *= tuning.noneScale;
      if (s > 0) {
        s *= s;
        total += s;
        out.push({ intent, score: s });
      }
    }
    if (total > 0) for (const o of out) o.score /= total;
    // A message whose words all lean away from every intent leaves the network with nothing (each output clamps at
    // zero; messages of many everyday words do it). Naive Bayes over the same word counts still ranks the intents.
    // A long message is judged by its ending instead (see `predict`).
    if (total === 0 && tuning.naiveBayesFallback && features.length < LONG_MESSAGE_WORDS) return naiveBayes(features, explicitSubscription);
    out.sort((a, b) => b.score - a.score);
    // Is the message more like the out-of-scope examples than like the examples of the intent that won?
    const top = out[0];
    if (top && top.intent !== 'None' && logOddsOf(wordCounts, features, top.intent, functionWords) > tuning.outOfScopeLogOdds) return [];
    return out;
  };

  /** Intents by Naive Bayes posterior (equal priors, add-one smoothing, function words left out); None wins as None. */
  const naiveBayes = (features: readonly string[], explicitSubscription: boolean): ScoredIntent[] => {
    const logs: ScoredIntent[] = [];
    for (const intent of intents) {
      if (!explicitSubscription && SUBSCRIPTION_INTENTS.has(intent)) continue;
      const counts = wordCounts.counts.get(intent);
      const denominator = (wordCounts.totals.get(intent) ?? 0) + wordCounts.vocabulary;
      let sum = 0;
      for (const f of features) if (!functionWords.has(f)) sum += Math.log(((counts?.get(f) ?? 0) + 1) / denominator);
      logs.push({ intent, score: sum });
    }
    if (logs.length === 0) return [];
    const best = Math.max(...logs.map((l) => l.score));
    let total = 0;
    for (const l of logs) total += (l.score = Math.exp(l.score - best));
    for (const l of logs) l.score /= total;
    logs.sort((a, b) => b.score - a.score);
    return logs[0]?.intent === 'None' ? [] : logs;
  };

  /** The network's ranking with the rules of word order on top (what a bag of words cannot see). */
  const rankWithRules = (normalised: string): ScoredIntent[] => {
    // An elliptic follow-up ("kalau yang izin apotek?") continues the conversation: it is never a greeting. The
    // greeting's share is not handed to the others (no renormalising), so what stays weak falls to None and the
    // dialogue's context follow-up decides. The rules of word order below still apply ("kalau sudah buka dikabarin?").
    const elliptic = ELLIPTIC.test(normalised);
    const ranked = elliptic ? rankNormalised(normalised).filter((r) => r.intent !== 'greeting') : rankNormalised(normalised);
    // "ya sudah (deh)" / "yaudah" resigns itself to the answer; "sudah ya" and "ya sudah, sampai jumpa" take leave.
    if (RESIGNED_ACK.test(normalised) && !LEAVE_TAKING.test(normalised)) return without(ranked, 'goodbye');
    // "kenapa pelayanan izin masih tutup?": a why-question about a closure asks its reason, however many closure
    // words it shares with "is it closed?" (a bag of words cannot see which word asks).
    const top = ranked[0];
    // (a why of nothing the office closed, "why would I need it?", is the network's: a weak closure-ish reading is no reason asked)
    if (WHY_ASKED.test(normalised) && (top ? (WHY_OVER.has(top.intent) && (top.score >= PHRASE_OVER || CLOSED_WORD.test(normalised) || OF_THE_OFFICE.test(normalised))) || (top.intent === 'None' && CLOSED_WORD.test(normalised)) : CLOSED_WORD.test(normalised))) return [{ intent: 'closure.reason', score: Math.max(top?.score ?? 0, threshold) }, ...ranked.filter((r) => r.intent !== 'closure.reason')];
    // "kirim berkasnya kemana": where documents go (the online service), not the forms page.
    if (top && WHERE_SENT.test(normalised) && (WHERE_SENT_OVER.has(top.intent) || (top.intent === 'permit.pickup' && APPLICATION_PAPERS.test(normalised))) && !(top.intent === 'application.stalled' && WAITED.test(normalised) && !FILLED_IN.test(normalised))) return [{ intent: 'service.online', score: top.score }, ...ranked.filter((r) => r.intent !== 'service.online')];
    // "kl udh buka dikabarin gak": being told of the reopening (its answer offers the announcements).
    if (TOLD_WHEN_OPEN.test(normalised) && (!top || TOLD_OVER.has(top.intent))) return [{ intent: 'closure.duration', score: Math.max(top?.score ?? 0, threshold) }];
    // "ok mau tanya ke petugas aja": asking for a person, however much "petugas" leans to who is at the office.
    if (ASK_A_PERSON.test(normalised) && (!top || ASK_A_PERSON_OVER.has(top.intent))) return [{ intent: 'consultation', score: Math.max(top?.score ?? 0, threshold) }];
    // "mau lapor, berkas sy blm dibalas": a message that opens by wanting to complain is a complaint to file.
    // (another business's matter without a word of the office stays out of scope: "mau lapor saldo dana sy ilang")
    if (WANTS_TO_COMPLAIN.test(normalised) && !WANTS_TO_COMPLAIN_KEEPS.has(top?.intent ?? '') && !OTHER_MATTER.test(normalised) && (OFFICE_CONTEXT.test(normalised) || !namesForeignWord(Object.keys(fx.features(normalised))))) return [{ intent: 'complaint.file', score: Math.max(top?.score ?? 0, threshold) }, ...ranked.filter((r) => r.intent !== 'complaint.file')];
    // "since when?", "sejak kapan tutupnya": since when it is closed, not until when nor the hours.
    if (SINCE_ASKED.test(normalised) && (!top || SINCE_OVER.has(top.intent))) return [{ intent: 'closure.status', score: Math.max(top?.score ?? 0, threshold) }];
    if (elliptic) return ranked;
    // A salutation before a question ("hello, what are the office hours …") greets in passing: the question decides.
    const salutation = SALUTATION.exec(normalised) ?? FILLER_LEAD.exec(normalised);
    if (salutation) {
      const rest = normalised.slice(salutation[0].length);
      if (rest.split(' ').length >= SALUTED_QUESTION_WORDS) {
        const question = rankNormalised(rest);
        const top = question[0];
        if (top && top.intent !== 'None' && top.intent !== 'greeting') return question;
      }
    }
    return ranked;
  };

  // What the last clause (else the last two) of a long message asks, when it asks something confidently.
  const lastClauseBest = (text: string): ScoredIntent | undefined => {
    const clauses = text.split(CLAUSE_END).map((c) => c.trim()).filter((c) => c.length > 0);
    for (const n of [1, 2]) {
      if (clauses.length <= n) break;
      const ending = withoutPoliteIzin(normalise(clauses.slice(-n).join(', ')));
      const best = rankWithRules(ending)[0];
      if (best && best.intent !== 'None' && best.score >= threshold) return best;
    }
    return undefined;
  };

  const predictOnce = (text: string): Classification => {
    try {
      const clipped = typeof text === 'string' ? unglue(text.slice(0, MAX_INPUT_CHARS)) : '';
      if (looksBinary(clipped)) return { intent: 'None', score: 1, language: 'id', normalised: '', entities: noEntities() };
      if (isAckEmoji(clipped)) return { intent: 'ack', score: 1, language: 'id', normalised: '', entities: noEntities() };
      if (WAVE_ONLY.test(clipped)) return { intent: 'greeting', score: 1, language: 'id', normalised: '', entities: noEntities() };
      // An aside before the question ("lho ini bukan kurir ya? ini bisa bantu apa aja sih"): the question decides.
      const afterAside = clipped.length < 300 ? ASIDE_FIRST.exec(clipped)?.[1] : undefined;
      if (afterAside !== undefined) {
        const question = predict(afterAside);
        if (question.intent !== 'None') return question;
      }
      const markup = mayHaveMarkup(clipped);
      const plainNormalised = withoutPoliteIzin(normalise(markup ? stripMarkup(clipped) : clipped));
      // Laughter around a question is no part of it; laughter alone stays what it is.
      const stripped = plainNormalised.replace(LAUGHTER, ' ');
      const laughless = stripped === plainNormalised ? plainNormalised : stripped.replace(/\s+/g, ' ').trim();
      const normalised = laughless.length > 0 ? laughless : plainNormalised;
      // Language from the words typed, never from a URL's or a tag's ("href", "go", "www").
      const language: Language = detectLanguage(fx.tokens(markup ? normalise(withoutUrls(clipped)) : normalised));
      // "jangan kirim2 pengumuman lagi, sy udah pindah ke Denpasar": leaving the announcements, wherever they moved.
      if ((DONT_SEND.test(normalised) || UNSUBSCRIBE_SAID.test(normalised)) && !OTHER_BUSINESS_LIST.test(normalised)) return { intent: 'unsubscribe', score: 1, language, normalised, entities: noEntities() };
      // Another regency's office ("jam buka dpmptsp buleleng"): out of scope, whatever office words it shares.
      if (aboutElsewhere(normalised)) {
        // What it asks, were it about this office: the topic a follow-up naming this office's area continues.
        // (ranked without the other place's name, which no example of this office holds)
        const here = normalised.split(' ').filter((w) => !elsewhere.has(w) && !AREA_WORD.has(w)).join(' ');
        const asked = rankWithRules(here)[0];
        const there: IntentName = asked && asked.intent !== 'None' && !SMALL_TALK.has(asked.intent) ? asked.intent : 'None';
        return { intent: 'None', score: 1, language, normalised, entities: noEntities(), elsewhere: { intent: there, entities: findEntities(normalised) } };
      }
      if (ALIVE_CHECK.test(normalised)) return { intent: 'None', score: 1, language, normalised, entities: noEntities() };
      // "maksudnya?": what the last answer meant; none of its own (the dialogue continues the last topic).
      if (WHAT_DO_YOU_MEAN.test(normalised) || NOT_UNDERSTOOD_BY_THEM.test(normalised)) return { intent: 'None', score: 0, language, normalised, entities: noEntities() };
      if (LEAVE_OF_ABSENCE.test(normalised)) return { intent: 'None', score: 1, language, normalised, entities: noEntities() };
      const bare = BARE_COMMANDS.get(normalised);
      // A long rambling message puts its request last ("... jadi formulirnya dimana"): its backstory's words
      // outweigh it or push it out of scope. So a long message that ends asking for the form wants the form, and
      // one out of scope (or unsure) as a whole is judged by its ending. Other endings ("dokumen apa saja?") lean
      // on the backstory for their topic, so the whole message decides them.
      // The ranking, computed once: the rules below that want the next reading take it from here.
      let ranked: ScoredIntent[] | undefined;
      const ranking = (): ScoredIntent[] => (ranked ??= rankWithRules(normalised));
      // The message's features, only for the rules that reach a foreign-word check (most messages reach none).
      let featureNames: string[] | undefined;
      const foreign = (): boolean => namesForeignWord((featureNames ??= Object.keys(fx.features(normalised))));
      let best: ScoredIntent | undefined = bare ? { intent: bare, score: 1 } : ranking()[0];
      // Its length in words, counted once: most rules below that ask it are short-message rules.
      const wordsIn = normalised.split(' ').length;
      if (!bare && wordsIn >= LONG_MESSAGE_WORDS) {
        const ending = lastClauseBest(markup ? stripMarkup(clipped) : clipped);
        // (a letter that introduces its question, "Perkenalkan, … Mohon penjelasan, apakah …", asks what it ends with)
        if (ending && (ending.intent === 'form.request' || !best || best.intent === 'None' || best.score < threshold || (ending.score >= 0.9 && QUESTION_INTRODUCED.test(normalised)))) best = ending;
      }
      // A wrongdoing or a broken website described without a complaint word is a complaint, unless the message is
      // about another business ("petugas pln minta uang", "aplikasi bank error").
      if (
        (WRONGDOING.test(normalised) || BROKEN_SITE.test(normalised)) &&
        // (a complaint reading too: the phrase makes it sure, so a story ending "bener gk sih itu??" still opens the form)
        (!best || best.score < threshold || WRONGDOING_OVER.has(best.intent) || best.intent === 'complaint.file') &&
        // An officer's wrongdoing is told with office words ("petugas"), so any word of another business rules it out,
        // unless the office itself is named ("menelepon ke kantor … yang mengangkat ketus").
        (!foreign() || (OFFICE_PLACE.test(normalised) && !OTHER_OFFICE.test(normalised)))
      ) {
        best = { intent: 'complaint.file', score: 1 };
      }
      const entities = findEntities(normalised);
      // A permit of the office's catalogue named as a permit ("izin apotek bisa diajukan online gk", "mau buka
      // apotek izinnya gmn", "izin apotik") is the office's business even when the network leans to None or small
      // talk: the business intent it ranks above the threshold, else the permit's form.
      if ((!best || SMALL_TALK.has(best.intent)) && entities.forms.length > 0 && PERMIT_WORD.test(normalised)) {
        const business = ranking().find((r) => !SMALL_TALK.has(r.intent) && r.score >= threshold);
        best = business ?? { intent: 'form.request', score: threshold };
      }
      // So is OSS named with one of its troubles ("sy lupa email yg dipake di oss").
      if ((!best || SMALL_TALK.has(best.intent)) && entities.services.includes('oss') && OSS_TROUBLE.test(normalised)) best = { intent: 'oss.registration', score: threshold };
      // Nothing understood, unsure, or small talk: what most of the rules below may override.
      // A phrase rule's match outweighs a network reading short of this (the network spreads its score over
      // intents on wordings its examples lack; the phrases below were each written for such a wording).
      const weak = (): boolean => !best || best.score < PHRASE_OVER || SMALL_TALK.has(best.intent);
      const sure = (intent: IntentName): ScoredIntent => ({ intent, score: Math.max(best?.score ?? 0, threshold) });
      // A form asked for gets the forms page, a permit the catalogue does not list included ("formulir izin usaha
      // perikanan ada ga?"): the office issues it, and a person can say more.
      const ours = entities.forms.length > 0 || entities.services.length > 0 || OUR_FORM.test(normalised);
      // (a form asked where it is is no application gone quiet: "terus formulirnya itu di mana ya pak")
      if ((!best || best.score < PHRASE_OVER || FORM_ASKED_OVER.has(best.intent) || ((CLOSURE_INTENTS.has(best.intent) || best.intent === 'application.stalled') && FORM_WHERE.test(normalised))) && FORM_ASKED.test(normalised) && ours && !foreign() && !(best?.intent === 'service.online' && WHERE_SENT.test(normalised))) {
        best = sure('form.request');
      }
      // OSS or NIB named without a closure word asks about OSS ("trs NIB perlu ga?"), not why the office is closed.
      if (best && CLOSURE_INTENTS.has(best.intent) && entities.services.includes('oss') && !CLOSED_WORD.test(normalised) && !OFFICE_PLACE.test(normalised)) best = sure('oss.registration');
      // So is NIB named beside making one or an email ("mau bikin NIB bengkel gmn", "daftar NIB tanpa email bisa?").
      if ((best?.intent === 'form.request' || best?.intent === 'service.online' || best?.intent === 'application.stalled') && /\bnib\b/.test(normalised) && !FORM_ASKED.test(normalised) && !WAITED.test(normalised)) best = sure('oss.registration');
      // A site visit named ("tanah sy mau disurvei utk PBG, petugas bisa dtg ga") is the field verification question.
      const complains = (): boolean => WANTS_TO_COMPLAIN.test(normalised) || WRONGDOING.test(normalised) || COMPLAINT_WORD.test(normalised);
      // (a complaint reading of it is the network's, whatever other business's word it holds: "gudang", "sawah")
      if ((!best || SITE_VISIT_OVER.has(best.intent)) && entities.services.includes('field_verification') && !(best?.intent === 'complaint.file' && complains()) && (!foreign() || best?.intent === 'complaint.file')) best = sure('field_verification');
      // A bribe asked for by someone of the office ("…harus transfer 1 jt ke rekening pribadi"): a complaint,
      // whatever banking words it holds.
      if ((!best || best.score < threshold || WRONGDOING_OVER.has(best.intent) || best.intent === 'complaint.file') && BRIBE.test(normalised) && OFFICE_CONTEXT.test(normalised)) best = { intent: 'complaint.file', score: 1 };
      // "Selamat siang, saya ingin konsultasi dengan petugas. Rencana …": asking for a person, then the question.
      if (PERSON_FIRST.test(clipped) && best?.intent !== 'complaint.file') best = sure('consultation');
      // "pengaduan: sy udh kirim berkas …": a message headed as a complaint is one.
      if (COMPLAINT_HEADED.test(clipped) && wordsIn >= 5 && best?.intent !== 'complaint.status') best = { intent: 'complaint.file', score: 1 };
      // A pickup reading needs a word of collecting or of a finished permit; without one, the next reading.
      if (best?.intent === 'permit.pickup' && !PICKUP_WORD.test(normalised)) {
        const next = ranking().find((r) => r.intent !== 'permit.pickup' && r.score >= threshold);
        // Without one, sending documents asked is the online service, a catalogue permit named its form.
        const fallback = FROM_AFAR.test(normalised) ? sure('service.online') : entities.forms.length > 0 && PERMIT_WORD.test(normalised) ? sure('form.request') : undefined;
        best = next ?? fallback ?? { intent: 'None', score: 1 };
      }
      // "siup sy udh jadi, bs diambil ke kantor?": collecting a finished permit.
      if (weak() && COLLECT.test(normalised) && (entities.forms.length > 0 || PERMIT_WORD.test(normalised))) best = sure('permit.pickup');
      // "brp persen yg masuk": the share of staff at the office.
      if ((weak() || (best?.intent === 'oss.registration' && !entities.services.includes('oss'))) && PERCENT_IN.test(normalised)) best = sure('office.staffing');
      // "sori kepencet. bs liat menunya?": the menu.
      if (weak() && MENU_ASKED.test(normalised)) best = { intent: 'help', score: 1 };
      // A pasted announcement asked about ("… ditutup sementara mulai 14 September 2020 ini beneran?"): whether it is closed.
      if (best?.intent === 'closure.reason' && IS_IT_TRUE.test(normalised) && !WHY_ASKED.test(normalised) && !/\b(?:kenapa|mengapa|why|karena)\b/.test(normalised)) best = sure('closure.status');
      // The office seen closed or empty ("sy lg di depan kantor, kok gak ada org", "katanya kantor tutup, bener?").
      if ((!best || best.score < PHRASE_OVER || CLOSURE_SEEN_OVER.has(best.intent) || (best.intent === 'closure.duration' && !UNTIL_ASKED.test(normalised))) && OFFICE_PLACE.test(normalised) && !OTHER_OFFICE.test(normalised) && (CLOSED_WORD.test(normalised) || NOBODY_THERE.test(normalised)) && !foreign()) {
        best = sure('closure.status');
      }
      // "perpanjangan SIP bagaimana prosedurnya": a permit of the office's catalogue is the office's, never a referral.
      if (best?.intent === 'referral' && entities.forms.length > 0 && !OTHER_OFFICE.test(normalised)) best = sure('form.request');
      // "SIUP skrg lewat OSS ya?": a permit applied for through OSS is the OSS question.
      if (best?.intent === 'form.request' && entities.services.includes('oss') && THROUGH_OSS.test(normalised) && !FORM_ASKED.test(normalised)) best = sure('oss.registration');
      // "Jumat sore bisa datang?": the hours of that day.
      if ((weak() || best?.intent === 'closure.reason') && VISIT_ON_A_DAY.test(normalised) && !CLOSED_WORD.test(normalised)) best = sure('office.hours');
      // "udh ganti nama ya jd pbg?": a permit's new or old name asked is its catalogue entry (which gives both).
      if (entities.forms.length > 0 && RENAMED.test(normalised) && best?.intent !== 'form.request') best = sure('form.request');
      // "kirim berkas via email boleh?": how documents go in, not an application gone quiet (nothing waited for).
      if (best?.intent === 'application.stalled' && SENDING_ASKED.test(normalised) && !WAITED.test(normalised)) best = sure('service.online');
      // "surat rekomendasi bs diurus ga skrg": whether a service other than permits runs now (a closure question).
      // (the consultation desk asked of is the desk's own answer, which offers consultation in chat: "bisa konsultasi tatap muka ga?")
      if (weak() && best?.intent !== 'consultation' && entities.forms.length === 0 && entities.services.some((x) => x !== 'permit') && STILL_RUNS.test(normalised) && !CONTACT_ASKED.test(normalised) && !foreign()) {
        best = sure('closure.status');
      }
      // "ijin apa aja yg diperluin (buat rumah makan)": which permits, a forms answer (and a person offered).
      // (whatever the business: "rumah makan babi guling" names food, the question is the office's)
      if (weak() && PERMITS_NEEDED.test(normalised)) best = sure('form.request');
      // "hrs dtg ke kantor gak": whether the counter is open.
      // (a site-visit reading without a site visit named is the network's: "KRK tanah di Kediri, hrs datang ke kantor?")
      if ((weak() || best?.intent === 'closure.duration' || best?.intent === 'closure.reason' || (best?.intent === 'field_verification' && !entities.services.includes('field_verification') && OFFICE_PLACE.test(normalised))) && MUST_COME_IN.test(normalised) && !UNTIL_ASKED.test(normalised)) best = sure('closure.status');
      // "mau minta rekomendasi, sama pendampingan oss di loket masih bisa?": whether the counter serves it now.
      if ((best?.intent === 'oss.registration' || best?.intent === 'service.online' || best?.intent === 'form.request') && entities.services.length > 0 && AT_THE_COUNTER_STILL.test(normalised) && !CONTACT_ASKED.test(normalised)) best = sure('closure.status');
      // "bisa dibantu daftar di kantor aja gak?": whether the counter serves now.
      if (weak() && SERVED_AT_THE_COUNTER.test(normalised) && !OTHER_OFFICE.test(normalised) && !foreign() && !OTHER_MATTER.test(normalised)) best = sure('closure.status');
      // "kakek gak bisa internet, bisa dibantu lewat telpon?": the office's contacts (the call center).
      if (weak() && BY_PHONE.test(normalised) && ((!foreign() && !OTHER_MATTER.test(normalised) && !OUTAGE.test(normalised)) || CANNOT_GO_ONLINE.test(normalised))) best = sure('contact.info');
      // "Mohon informasi sampai kapan kebijakan ini berlaku.": until when the closure lasts (no bank's policy).
      if (weak() && POLICY_UNTIL.test(normalised) && !OTHER_MATTER.test(normalised) && !OTHER_BUSINESS_LIST.test(normalised)) best = sure('closure.duration');
      // "pantes telpon gak diangkat. hubungi kemana kalau gitu?": the office's contacts.
      if ((weak() || best?.intent === 'consultation') && REACH_WHERE.test(normalised) && !foreign() && !OTHER_MATTER.test(normalised)) best = sure('contact.info');
      // "lha kulo mboten saged internet", "gak bisa online dia": someone who cannot go online is given the call center.
      if (weak() && CANNOT_GO_ONLINE.test(normalised) && wordsIn <= 10) best = sure('contact.info');
      // "selamat pagi nak, ini kantor perijinan tabanan ya?": this is the office, greeted back with what it does.
      if ((weak() || CLOSURE_INTENTS.has(best?.intent ?? '') || best?.intent === 'contact.info' || best?.intent === 'office.staffing') && wordsIn <= 10 && IS_THIS_THE_OFFICE.test(normalised)) best = { intent: 'greeting', score: 1 };
      // "Om swastiastu, tiang Komang, punya warung makan di Kediri": greeted, nothing asked yet (no question mark, no question word).
      if (!/\?/.test(clipped) && wordsIn <= 12 && GREETING_AND_NAME.test(normalised) && !QUESTION_WORD.test(normalised) && !/\b(?:mau|ingin|minta|perlu|butuh|tanya)\b/.test(normalised)) best = { intent: 'greeting', score: 1 };
      // "buka gk hr ini", "tp skrg tutup kan?": whether it is open now.
      if ((weak() || best?.intent === 'service.online') && (OPEN_ON_A_DAY.test(normalised) || CLOSED_NOW.test(normalised))) best = sure('closure.status');
      // "pengumuman terakhir soal penutupan layanan itu isinya apa?": the closure as announced.
      if (weak() && ANNOUNCEMENT_SAID.test(normalised) && !foreign()) best = sure('closure.status');
      // "trus disini ngurus apa aja?": what the office can help with, the menu.
      if ((weak() || CLOSURE_INTENTS.has(best?.intent ?? '') || (best?.intent === 'oss.registration' && !/\b(?:oss|nib)\b/.test(normalised))) && WHAT_IS_DONE_HERE.test(normalised)) best = { intent: 'help', score: 1 };
      // "SIP bidan niku saged online?": whether that permit goes online.
      if (weak() && entities.forms.length > 0 && ONLINE_POSSIBLE.test(normalised) && !foreign()) best = sure('service.online');
      // "yaudah lewat sini aja, mau lapor. website sering down …": complaining here, the matter told after.
      if (COMPLAIN_HERE_FIRST.test(normalised) && best?.intent !== 'complaint.status') best = { intent: 'complaint.file', score: 1 };
      // "min sy sering dpt pengumuman dr nomor ini, gmn cara berhentinya?": leaving the announcements.
      if ((normalised.includes('berhenti') || normalised.includes('stop') || normalised.includes('keluar') || normalised.includes('unsubscribe')) && HOW_TO_STOP.test(normalised) && /\b(?:pengumuman|info\w*|pesan|notif\w*|broadcast)\b/.test(normalised) && !OTHER_BUSINESS_LIST.test(normalised)) best = { intent: 'unsubscribe', score: 1 };
      // "ribet ya ada yg bisa bantu langsung gak": a person.
      if ((weak() || best?.intent === 'help') && SOMEONE_TO_HELP.test(normalised) && !foreign()) best = sure('consultation');
      // "halo ini siapa ya, tadi cucu saya kasih nomor ini", "woy min": greeted back, with what the bot is.
      if ((weak() || best?.intent === 'contact.info') && wordsIn <= 12 && (WHO_IS_THIS.test(normalised) || HEY_YOU.test(normalised))) best = { intent: 'greeting', score: 1 };
      // "why would I need it?", "kenapa harus punya NIB?": why something is needed, never why the office is closed.
      if (best?.intent === 'closure.reason' && WHY_NEEDED.test(normalised) && !CLOSED_WORD.test(normalised)) {
        const next = ranking().find((r) => r.intent !== 'closure.reason' && r.intent !== 'None' && r.score >= threshold);
        best = next ?? (entities.services.includes('oss') ? sure('oss.registration') : { intent: 'None', score: 0 });
      }
      // "Tiang punya homestay di Bedugul, mau daftar TDUP. Kantornya buka?": a permit told, then whether the office is
      // open: the closure's answer (which gives the online way and the named permit's form).
      if ((weak() || best?.intent === 'form.request' || best?.intent === 'subscribe') && clipped.length < 400 && clipped.trimEnd().endsWith('?') && OPEN_ASKED_LAST.test(clipped) && !OTHER_OFFICE.test(normalised)) best = sure('closure.status');
      // "Can I get notified here when it reopens?", "Bisa saya diberi kabar jika sudah dibuka kembali?": asked for, politely.
      if ((normalised.includes('kabar') || normalised.includes('kasih') || normalised.includes('diberi') || normalised.includes('diinfo') || normalised.includes('notified') || normalised.includes('updated') || normalised.includes('informed')) && NOTIFY_REQUESTED.test(normalised) && !OTHER_BUSINESS_LIST.test(normalised) && !OTHER_MATTER.test(normalised) && !FORWARDED.test(clipped)) best = { intent: 'subscribe', score: 1 };
      // "eh kok berhenti, maksudnya mau tetap langganan 😅": keeping the announcements.
      if ((normalised.includes('langgan') || normalised.includes('subscribe') || normalised.includes('info')) && KEEP_SUBSCRIBED.test(normalised) && !OTHER_BUSINESS_LIST.test(normalised)) best = { intent: 'subscribe', score: 1 };
      // "gak bisa diantar langsung aja? rumah sy dkt kantor kok": bringing documents in, the counter's state.
      if ((weak() || best?.intent === 'service.online' || best?.intent === 'permit.pickup') && DELIVER_IN_PERSON.test(normalised) && !OTHER_MATTER.test(normalised)) best = sure('closure.status');
      // "terus pengaduan tatap muka gimana, bisa datang?": a named service at the counter, its state.
      if (best?.intent === 'closure.reason' && !WHY_ASKED.test(normalised) && entities.services.length > 0 && IN_PERSON_STILL.test(normalised)) best = sure('closure.status');
      // "oke, tapi bisa juga lewat sini kan? saya mau lapor": complaining, said last.
      if (best?.intent !== 'complaint.status' && (clipped.includes('lapor') || clipped.includes('adu') || clipped.includes('komplain')) && COMPLAIN_LAST.test(clipped) && !OTHER_MATTER.test(normalised) && !foreign()) best = { intent: 'complaint.file', score: 1 };
      // "Is face-to-face service available now?": the counter's state.
      if ((weak() || best?.intent === 'service.online') && IN_PERSON_AVAILABLE.test(normalised)) best = sure('closure.status');
      // "mulai dr mana ya urus izinnya", "izin e piye mas?": where a business begins, OSS.
      if (weak() && WHERE_TO_START.test(normalised) && !foreign()) best = sure('oss.registration');
      // "… nambah lantai 2. perlu PBG gak ya?": whether a catalogue permit is needed, its form (and a person offered).
      if (weak() && entities.forms.length > 0 && PERMIT_NEEDED_ASKED.test(normalised) && !OTHER_OFFICE.test(normalised)) best = sure('form.request');
      // "terus ini kantor apa dan bisa bantu apa": what the bot can do.
      if (weak() && WHAT_OFFICE.test(normalised) && wordsIn <= 10 && !foreign()) best = { intent: 'help', score: 1 };
      // "ada info terbaru apa?": the closure as it stands.
      if ((weak() || best?.intent === 'help') && LATEST_NEWS.test(normalised) && !foreign() && !OTHER_BUSINESS_LIST.test(normalised)) best = sure('closure.duration');
      // "oalah salah nomor 🤦 ok deh bye": a mistake owned, and leave taken.
      if (wordsIn <= 8 && MISTAPPED.test(normalised) && BYE_AT_END.test(normalised)) best = { intent: 'goodbye', score: 1 };
      // "hmm ya udah deh": resigned, an acknowledgement.
      if (weak() && RESIGNED_ALONE.test(normalised)) best = { intent: 'ack', score: 1 };
      // A forwarded announcement of the closure ("Diteruskan dari grup banjar: '… menutup seluruh pelayanan tatap muka …'"): the closure as it stands.
      if ((best?.intent === 'office.staffing' || best?.intent === 'service.online') && FORWARDED.test(clipped) && (CLOSED_WORD.test(normalised) || /\b(?:menutup|meniadakan)\b/.test(normalised))) best = sure('closure.status');
      // "kok belum ada tanggapan, saya mau lapor lagi": a complaint again.
      if ((normalised.includes(' lagi') || normalised.includes(' ulang')) && COMPLAIN_AGAIN.test(normalised) && !OTHER_MATTER.test(normalised) && !foreign()) best = { intent: 'complaint.file', score: 1 };
      // "Ini bener gak katanya pegawai … positif covid makanya kantor tutup?": the reason of the closure, rumoured.
      if ((weak() || best?.intent === 'closure.status' || best?.intent === 'office.staffing') && REASON_RUMOURED.test(normalised) && OFFICE_PLACE.test(normalised)) best = sure('closure.reason');
      // "pengaduan dong. Izin reklame sy sdh 2 bulan blm diproses …": a complaint asked for, whatever it tells.
      if (COMPLAINT_ASKED_FOR.test(normalised) && best?.intent !== 'complaint.status' && !OTHER_MATTER.test(normalised)) best = { intent: 'complaint.file', score: 1 };
      // "trus nanti ada yg dtg ngecek ke rumah gak kak", "jadi tidak ada petugas yang turun sama sekali ya?": the site visit.
      // (nor a ticket's status for its "ada yang …": "trus nanti ada yg dtg ngecek ke rumah gak kak" names no ticket)
      if ((weak() || best?.intent === 'application.stalled' || (best?.intent === 'complaint.status' && best.score < 1 && !/\b(?:tiket|adu-\w+|pengaduan|laporan|aduan)\b/.test(normalised))) && VISIT_ASKED.test(normalised) && !foreign()) best = sure('field_verification');
      // "saya udh langganan kok blm dapet info apa2": news comes when there is news: the reopening's answer.
      if ((weak() || best?.intent === 'subscribe') && SUBSCRIBED_NO_NEWS.test(normalised)) best = sure('closure.duration');
      // "I don't have an Indonesian NIK, only a KITAS": a foreigner's registration, a question for staff.
      if (weak() && FOREIGNERS_PAPERS.test(normalised)) best = sure('consultation');
      // "emang ada hubungannya sama galungan?": the reason of the closure, asked about.
      if ((weak() || best?.intent === 'consultation') && wordsIn <= 10 && REASON_NAMED.test(normalised) && /\?\s*$/.test(clipped) && !UNTIL_WORD.test(normalised) && !foreign()) best = sure('closure.reason');
      // "sampai Kuningan gen?": until the holiday named, the closure's end.
      if ((weak() || best?.intent === 'closure.reason') && wordsIn <= 6 && REASON_NAMED.test(normalised) && UNTIL_WORD.test(normalised)) best = sure('closure.duration');
      // "dah ya", "udah ya kak": taking leave.
      if (weak() && SO_LONG.test(normalised) && !/\?\s*$/.test(clipped)) best = sure('goodbye');
      // "daftarin sy ke info pengumuman ya": the announcements.
      if ((weak() || best?.intent === 'help' || best?.intent === 'contact.info') && (PUT_ON_THE_LIST.test(normalised) || SUBSCRIBE_SAID.test(normalised) || SUBSCRIBE_AT_END.test(normalised)) && !OTHER_BUSINESS_LIST.test(normalised)) best = sure('subscribe');
      // "webnya apa", "gak ada no wa langsung?": the office's contacts.
      if ((weak() || best?.intent === 'consultation') && WEB_OR_WA_ASKED.test(normalised) && !foreign()) best = sure('contact.info');
      // "ya tp kan bisa pake protokol kesehatan": why it is closed all the same.
      if (weak() && WITH_A_PROTOCOL.test(normalised)) best = sure('closure.reason');
      // "ada surat edaran resmi?": the closure as announced.
      if ((weak() || best?.intent === 'help' || (best !== undefined && CLOSURE_INTENTS.has(best.intent))) && OFFICIAL_NOTICE.test(normalised)) best = sure('closure.status');
      // "lupa password instagram": another service's account, out of scope however the network reads it.
      if (best?.intent !== 'complaint.file' && (normalised.includes('lupa') || normalised.includes('akun') || normalised.includes('password') || normalised.includes('sandi') || normalised.includes('email') || normalised.includes('pw')) && ACCOUNT_TROUBLE.test(normalised) && OTHER_ACCOUNT.test(normalised) && !entities.services.includes('oss')) best = { intent: 'None', score: 1 };
      // "lupa email yg dipake daftar dulu": the OSS account.
      if ((weak() || best?.intent === 'form.request' || best?.intent === 'service.online') && ACCOUNT_TROUBLE.test(normalised) && !OTHER_ACCOUNT.test(normalised) && !foreign()) best = sure('oss.registration');
      // "sy gak mau sama robot, mau ngomong sama orang beneran", "mau dibantu dicek oleh petugas saja": a person.
      if ((weak() || best?.intent === 'field_verification' || best?.intent === 'complaint.status') && (NOT_A_ROBOT.test(normalised) || (CHECKED_BY_STAFF.test(normalised) && !foreign()))) best = sure('consultation');
      // "pantes lama, pegawainya pada libur semua ya?": who is at the office, no complaint.
      if ((weak() || best?.intent === 'contact.info' || best?.intent === 'closure.status' || (best?.intent === 'complaint.file' && !COMPLAINT_WORD.test(normalised))) && STAFF_AWAY.test(normalised)) best = sure('office.staffing');
      // "tolong jgn kirimin pengumuman lg ya": leaving the announcements.
      if ((weak() || best?.intent === 'subscribe') && DONT_SEND.test(normalised) && !OTHER_BUSINESS_LIST.test(normalised)) best = sure('unsubscribe');
      // "kalo konsultasi lewat chat ini bisa?": the consultation desk in chat, not the counter.
      if (best !== undefined && CLOSURE_INTENTS.has(best.intent) && CONSULT_IN_CHAT.test(normalised)) best = sure('consultation');
      // "oh beda kantor ya. ok makasih", "oh bukan disini ya. ok deh": thanks, an acknowledgement.
      if (weak() && best?.intent !== 'thanks' && THANKS_AT_END.test(normalised) && wordsIn <= 8) best = sure('thanks');
      // ("… MAU PERPANJANG SIP" ends with the permit, not the "sip" of an okay)
      else if (weak() && ACK_AT_END.test(normalised) && wordsIn <= 8 && !QUESTION_WORD.test(normalised) && !(entities.forms.length > 0 && normalised.endsWith('sip'))) best = sure('ack');
      // "tolong dicatat: …", "yaudah lewat sini aja, mau lapor": a complaint, in so many words.
      if ((RECORD_THIS.test(normalised) && wordsIn >= 4 && best?.intent !== 'complaint.status') || (weak() && wordsIn <= 8 && COMPLAIN_HERE.test(normalised) && !OTHER_MATTER.test(normalised) && !foreign())) best = { intent: 'complaint.file', score: 1 };
      // "air PDAM di rumah mati udh 2 hari …": another business's trouble, however it reads as a complaint.
      if (best?.intent === 'complaint.file' && best.score < 1 && OTHER_MATTER.test(normalised) && !COMPLAINT_WORD.test(normalised)) best = { intent: 'None', score: 1 };
      // "kantornya buka gak? sy mau dtg aja": whether it is open, asked before coming (no complaint word).
      if ((weak() || (best?.intent === 'complaint.file' && best.score < 1 && !COMPLAINT_WORD.test(normalised))) && OPEN_BEFORE_COMING.test(normalised)) best = sure('closure.status');
      // "hallo dpmptsp tabanan", "siap laksanakan": a greeting of the office, an acknowledgement.
      if (weak() && GREETING_OF_THE_OFFICE.test(normalised)) best = { intent: 'greeting', score: 1 };
      else if (weak() && READY_ACK.test(normalised)) best = { intent: 'ack', score: 1 };
      // "ada calo di depan kantor": a broker at the office is a complaint.
      if ((weak() || best?.intent === 'office.staffing' || (best !== undefined && CLOSURE_INTENTS.has(best.intent))) && /\bcalo\w*\b/.test(normalised) && OFFICE_CONTEXT.test(normalised)) best = { intent: 'complaint.file', score: 1 };
      // "katanya sekarang ngurus izin harus lewat calo karena kantor tutup, bener?": a rumour asked about, not a broker met.
      if (normalised.includes('calo') && BROKER_NEEDED.test(normalised) && IS_IT_TRUE.test(normalised)) best = sure('service.online');
      // "jam kerja hari sabtu ada?": the hours.
      if (weak() && HOURS_NAMED.test(normalised) && !OTHER_OFFICE.test(normalised) && !SOMEWHERE_ELSE.test(normalised) && !foreign()) best = sure('office.hours');
      // A ticket number with a few words ("nah ketemu ADU-4HT7PW"): its status.
      if (/\badu-[a-z0-9]{6}\b/.test(normalised) && wordsIn <= 6 && best?.intent !== 'complaint.status') best = { intent: 'complaint.status', score: 1 };
      // "gpp salah pencet", "oh iya ya ini bukan PLN 😅", "owh kirain semua di satu pintu": an acknowledgement.
      if (weak() && best?.intent !== 'help' && wordsIn <= 8 && ((MISTAPPED.test(normalised) && !SUBSCRIBE_AGAIN.test(normalised)) || (MISTOOK_US.test(normalised) && !/\?\s*\S{0,4}\s*$/u.test(clipped))) && !QUESTION_WORD.test(normalised)) best = THANKS_AT_END.test(normalised) ? { intent: 'thanks', score: 1 } : { intent: 'ack', score: 1 };
      // "lho bukan disini? kirain semua pelayanan satu pintu", "oh yg itu belum ya, oke pak": taken in, however
      // the office words in it read.
      else if (best !== undefined && (CLOSURE_INTENTS.has(best.intent) || weak() || (entities.forms.length === 0 && best.intent !== 'complaint.file' && best.intent !== 'referral')) && wordsIn <= 10 && ((MISTOOK_US.test(normalised) && /\b(?:kirain|kira)\b/.test(normalised)) || (/^(?:oh|owh|ohh|o|owalah|oalah|walah)\b/.test(normalised) && ACK_AT_END.test(normalised))) && !/\?\s*$/.test(clipped)) best = { intent: 'ack', score: 1 };
      // "Jadi kalau saya datang besok tidak bisa dilayani ya?": the counter's state.
      if ((weak() || (best?.intent === 'complaint.file' && best.score < 1 && !COMPLAINT_WORD.test(normalised))) && IF_I_COME.test(normalised) && !foreign()) best = sure('closure.status');
      // "kenapa tutup, sampai kapan?": the last question asked is the one answered.
      if (best?.intent === 'closure.reason' && /\b(?:sampai kapan|until when|how long|berapa lama)\b[^,.?]*\?*\s*$/.test(normalised)) best = sure('closure.duration');
      // "formulir pembukaan rekening bisa online?": another business's form asked for is no complaint.
      if (best?.intent === 'complaint.file' && best.score < 1 && FORM_ASKED.test(normalised) && !COMPLAINT_WORD.test(normalised) && (foreign() || /\b(?:rekening|tabungan|kartu kredit|atm)\b/.test(normalised))) best = { intent: 'None', score: 1 };
      // "kantor dukcapil buka ga?": another institution's office, not this one's closure.
      if (best !== undefined && CLOSURE_INTENTS.has(best.intent) && OTHER_OFFICE.test(normalised) && !/\b(?:dpmptsp|ptsp|perizinan)\b/.test(normalised)) best = sure('referral');
      // "…, tutup jam brp?": the hours, not whether it is closed.
      if (best !== undefined && CLOSURE_INTENTS.has(best.intent) && best.intent !== 'office.hours' && CLOSING_TIME.test(normalised) && !OTHER_OFFICE.test(normalised) && !foreign()) best = sure('office.hours');
      // "woy ada org ga sih": is anyone there (the greeting and the menu).
      if ((weak() || best?.intent === 'office.staffing') && ANYONE_THERE.test(normalised)) best = { intent: 'greeting', score: 1 };
      // "ya udh sy tunggu kabar aja": resigned, with what the person will do.
      if ((weak() || best?.intent === 'subscribe' || best?.intent === 'unsubscribe' || (best?.intent === 'complaint.file' && best.score < 1 && !COMPLAINT_WORD.test(normalised))) && RESIGNED_WITH_PLAN.test(normalised) && best?.intent !== 'goodbye' && best?.intent !== 'thanks' && !QUESTION_WORD.test(normalised) && !/\b(?:langganan\w*|berlangganan|subscribe|unsubscribe|berhenti|stop)\b/.test(normalised)) best = { intent: 'ack', score: 1 };
      // "kok blm ada tindak lanjut, sy mau ngomong sm petugasnya aja": a person, not the ticket (none is named).
      if ((best?.intent === 'complaint.status' || best?.intent === 'office.staffing' || best?.intent === 'greeting' || weak()) && PERSON_WANTED.test(normalised) && !/\badu-\w+/.test(normalised)) best = sure('consultation');
      // "kok gak ketemu? sy yakin itu nomornya": the ticket looked up again.
      if ((weak() || (best !== undefined && CLOSURE_INTENTS.has(best.intent))) && NUMBER_NOT_FOUND.test(normalised)) best = sure('complaint.status');
      // "mau tanya pelayanan apa aja yg tutup": what is closed.
      // (what is closed is no online question, however the network leans: "trs layanan apa aja yg tutup?")
      if ((weak() || best?.intent === 'service.online') && WHICH_CLOSED.test(normalised)) best = sure('closure.status');
      // "yaudh lah", "yowes": resigned to the answer.
      if (weak() && RESIGNED_SHORT.test(normalised)) best = { intent: 'ack', score: 1 };
      // "terima kasih banyak bu nanti saya coba buka ya": thanks first, then what the person will do.
      if (weak() && THANKS_FIRST.test(normalised) && wordsIn <= 12 && !QUESTION_WORD.test(normalised)) best = sure('thanks');
      // "…, boleh nanya2?": asking whether one may ask: what the bot can do.
      // (an OSS reading of a message without OSS or NIB in it is the network's guess: "… tugas sekolah ttg pelayanan publik, boleh nanya2?")
      // (a closure reading of an introduction that asks nothing yet, "… cucu tiang yg pasangin wa niki. tiang mau metakon", too)
      if ((weak() || (best?.intent === 'oss.registration' && !entities.services.includes('oss')) || (best !== undefined && CLOSURE_INTENTS.has(best.intent) && entities.services.length === 0 && !/\b(?:buka|tutup|dibuka|ditutup|libur|sampai|kapan)\b/.test(normalised))) && MAY_I_ASK.test(normalised)) best = { intent: 'help', score: 1 };
      // "gak ada nomornya langsung? ribet bgt suruh buka fb": a way to reach the office.
      if ((weak() || (best !== undefined && CLOSURE_INTENTS.has(best.intent))) && NO_NUMBER.test(normalised) && !foreign()) best = sure('contact.info');
      // A forwarded announcement of the closure asked about ("[Diteruskan] PENGUMUMAN: … min ini bener?"): whether it is closed.
      // (what the announcement says beside it, the staff on duty or the online service, is no question of the person's)
      if ((weak() || (best !== undefined && (CLOSURE_INTENTS.has(best.intent) || FORWARDED_ALSO_SAYS.has(best.intent)) && best.intent !== 'closure.duration')) && FORWARDED.test(clipped) && CLOSED_WORD.test(normalised) && !WHY_ASKED.test(normalised)) best = { intent: 'closure.status', score: 1 };
      // "info resminya bisa dicek dimana biar ga ketipu lg", "kasih aja nomornya": the office's own channels.
      if ((weak() || best?.intent === 'thanks' || best?.intent === 'closure.status' || best?.intent === 'subscribe') && (OFFICIAL_INFO_WHERE.test(normalised) || (GIVE_THE_NUMBER.test(normalised) && !foreign() && !WHO_IS_THIS.test(normalised))) && !TICKET_NAMED.test(normalised)) best = sure('contact.info');
      // "tp yg online tetep jalan kan?": what still works online.
      if (weak() && ONLINE_STILL.test(normalised)) best = sure('service.online');
      // "ada nomor yg bisa dihubungi gak?": the office's contacts.
      if ((weak() || best?.intent === 'consultation' || best?.intent === 'office.staffing') && NUMBER_TO_CALL.test(normalised) && !TICKET_NAMED.test(normalised) && !foreign()) best = sure('contact.info');
      // "gk jd deh ntar aja, bye": a farewell.
      // (a short one whatever the network made of it: "ga jadi deh, dadah" asks nothing)
      if ((weak() || wordsIn <= 5) && best?.intent !== 'thanks' && BYE_AT_END.test(normalised)) best = { intent: 'goodbye', score: 1 };
      // "ok saya cek facebook nya", "pantas lama": an acknowledgement, however the network reads its other words.
      if ((weak() || best?.intent === 'complaint.file') && (ACK_WITH_PLAN.test(normalised) || UNDERSTOOD.test(normalised)) && !QUESTION_WORD.test(normalised)) {
        best = { intent: 'ack', score: 1 };
      }
      // Hellos without a greeting word: "min", "kak", "ijin nanya kak" (its opener gone), "do you speak english?".
      // (the address typed as such: the typo mender makes "aaaaaa" a "kakak")
      if (weak() && ((ADDRESS_ONLY.test(normalised) && ADDRESS_TYPED.test(clipped)) || SPEAKS_ENGLISH.test(normalised))) best = { intent: 'greeting', score: 1 };
      // "yaudah itu aja, dah": that is all. "ooo gitu": taken in. "lah trs ini apa": what this chat does.
      if (weak() && THAT_IS_ALL.test(normalised)) best = { intent: 'goodbye', score: 1 };
      if (weak() && SO_THAT_IS_IT.test(normalised)) best = { intent: 'ack', score: 1 };
      if (weak() && WHAT_IS_THIS.test(normalised)) best = { intent: 'help', score: 1 };
      // A long letter that asks something ("Mohon penjelasan, apakah …") is no farewell for its closing
      // formula ("Om Santih, Santih, Santih Om"): unread as a whole, its parts are answered.
      if (best !== undefined && SMALL_TALK.has(best.intent) && best.intent !== 'None' && wordsIn >= 25 && QUESTION_WORD.test(normalised)) best = undefined;
      // "ada call center gk": the office's contacts, never a complaint without a complaint word (a story of calls
      // never answered is one: "td sy telp call center, gak pernah diangkat dr pagi").
      if ((weak() || (best?.intent === 'complaint.file' && best.score < 1)) && wordsIn <= 8 && CALL_CENTER_ASKED.test(normalised) && !COMPLAINT_WORD.test(normalised) && !foreign()) best = sure('contact.info');
      // "katanya udh buka lg senin besok, bener ga?": whether there is a reopening date.
      if ((weak() || best?.intent === 'closure.status' || best?.intent === 'subscribe') && REOPENING_RUMOUR.test(normalised) && IS_IT_TRUE.test(normalised) && !OTHER_OFFICE.test(normalised) && (OFFICE_PLACE.test(normalised) || entities.services.length > 0 || !foreign() || /\b(?:tanggal|tgl)\b/.test(normalised))) best = sure('closure.duration');
      // "SIP sy habis bulan depan, perpanjangnya gmn kalo kantor tutup": how it is done online.
      if ((weak() || (best !== undefined && (CLOSURE_INTENTS.has(best.intent) || (best.intent === 'consultation' && (best.score < 1 || !ASKS_FOR_STAFF.test(normalised)))))) && HOW_WHILE_CLOSED.test(normalised) && (entities.forms.length > 0 || !foreign())) best = sure('service.online');
      // "tiang ke kantor saja nggih besok?": whether the counter serves.
      if ((weak() || best?.intent === 'closure.reason' || (best?.intent === 'office.hours' && !/\bjam\b/.test(normalised))) && COME_ANYWAY.test(normalised) && !OTHER_OFFICE.test(normalised) && !foreign()) best = sure('closure.status');
      // "kenapa ditutupnya kak? biar bisa aku tulis alasannya di laporan": why, whatever "laporan" suggests.
      if (best?.intent === 'complaint.file' && best.score < 1 && WHY_CLOSED_FIRST.test(normalised)) best = sure('closure.reason');
      // "sy mau lapor pengajuan izin sy dipersulit, …": a complaint, however the permit's words read.
      if (best?.intent !== 'complaint.file' && best?.intent !== 'referral' && COMPLAIN_HERE.test(normalised) && PROBLEM_TOLD.test(normalised) && !OTHER_MATTER.test(normalised) && !foreign()) best = { intent: 'complaint.file', score: 1 };
      // "mau batalin permohonan izin reklame yg udh dikirim": staff's to do, a question for a person.
      if ((weak() || best?.intent === 'service.online' || best?.intent === 'application.stalled' || best?.intent === 'form.request' || best?.intent === 'permit.pickup') && WITHDRAW_APPLICATION.test(normalised) && !COMPLAINT_WORD.test(normalised) && (entities.forms.length > 0 || entities.services.includes('permit') || !foreign())) best = sure('consultation');
      // "lho ini bukan telkomsel ya", "ini bukan kantor desa?": taking this chat for another place's, out of
      // scope (the answer says what this chat does), never an acknowledgement or the office's staffing.
      if (wordsIn <= 8 && THIS_IS_NOT.test(normalised) && best?.intent !== 'referral') best = { intent: 'None', score: 1 };
      // "mau bikin IMB rumah, msh bisa gak ya skrg?": a named permit still possible to get, the online way and its form.
      if (weak() && entities.forms.length > 0 && STILL_POSSIBLE.test(normalised) && !foreign()) best = sure('service.online');
      // "eh salah pencet, langganan lagi deh": subscribing again, said outright.
      if (normalised.includes('langganan') || normalised.includes('subscribe') ? SUBSCRIBE_AGAIN.test(normalised) && !OTHER_BUSINESS_LIST.test(normalised) : false) best = { intent: 'subscribe', score: 1 };
      // "can I still apply for SIUP offline? or harus online?": the counter's state.
      if (best?.intent !== 'complaint.file' && best?.intent !== 'referral' && best?.intent !== 'service.online' && normalised.includes('online') && IN_PERSON_OR_ONLINE.test(normalised) && (entities.services.length > 0 || PERMIT_WORD.test(normalised) || !foreign())) best = sure('closure.status');
      // "kalo konsultasi ke kantor?": consultation at the counter, a closure question.
      if ((weak() || (best !== undefined && best.score < 1 && (best.intent === 'office.staffing' || best.intent === 'consultation'))) && entities.services.includes('consultation') && /\b(?:ke|di) kantor\b/.test(normalised) && !IN_THIS_CHAT_WORD.test(normalised)) best = sure('closure.status');
      // "buka?", "udh buka?", "masih tutup?" alone, in the office's chat: whether the office is open.
      if (weak() && /^(?:(?:sudah|masih|apa|apakah) )?(?:buka|tutup|dibuka|ditutup)(?: (?:kah|ya|tidak|belum|lagi|sekarang|admin|kak|pak|bu|bli))*$/.test(normalised) && wordsIn <= 4) best = sure('closure.status');
      // "kantor" alone: the menu says what can be asked of it.
      if (weak() && /^(?:kantor|kantornya)$/.test(normalised)) best = { intent: 'help', score: 1 };
      // "503/0215/PBG/DPMPTSP/2020" alone: a number out of any form, not understood (never a hello for its office name).
      if (clipped.includes('/') && PERMIT_NUMBER_ONLY.test(clipped) && best?.intent !== 'complaint.status' && best?.intent !== 'consultation') best = { intent: 'None', score: 1 };
      // "Ada warga mau buka warung, apa saja yang bisa diurus online sekarang?": what works online.
      if ((weak() || best?.intent === 'consultation') && WHAT_ONLINE.test(normalised) && !OTHER_OFFICE.test(normalised) && !OTHER_BUSINESS_LIST.test(normalised)) best = sure('service.online');
      // "kalau warga mau mengadu, bisa lewat chat ini?": a complaint here, the form offered (never announcements).
      if (best?.intent !== 'complaint.file' && best?.intent !== 'complaint.status' && (normalised.includes('adu') || normalised.includes('lapor') || normalised.includes('komplain')) && COMPLAIN_IN_THIS_CHAT.test(normalised) && !OTHER_MATTER.test(normalised)) best = { intent: 'complaint.file', score: 1 };
      // "Halo, kabarnya kantor udah buka ya?": the office heard to be open now, whether it is.
      // ("pagi, sy denger sebagian layanan udah buka lagi ya?" too: open again now, no date said)
      if ((weak() || best?.intent === 'subscribe' || (best?.intent === 'closure.duration' && best.score < 1)) && OPEN_NOW_RUMOURED.test(normalised) && !OTHER_OFFICE.test(normalised) && !/\b(?:tanggal|tgl|senin|selasa|rabu|kamis|jumat|sabtu|minggu|besok|lusa|bulan|mulai|per)\b/.test(normalised)) best = sure('closure.status');
      // "nak bisa bicara sama pegawai kantor?": a person asked for (never the staffing or the closure's reason).
      if (best?.intent !== 'consultation' && wordsIn <= 10 && PERSON_ASKED_FOR.test(normalised)) best = { intent: 'consultation', score: 1 };
      // "kok gak ada? kemarin saya udah lapor lewat nomor lain": a ticket not found here, its status asked by number.
      if ((weak() || best?.intent === 'complaint.file') && FILED_ELSEWHERE.test(normalised)) best = sure('complaint.status');
      // "kl ditelpon bisa gak? nomornya brp": the number to call, the office's contacts.
      if ((weak() || best?.intent === 'service.online') && /\b(?:ditelpon|ditelepon|telpon|telepon|nelpon|menelepon)\b/.test(normalised) && /\bnomor\w* (?:berapa|apa|mana)\b/.test(normalised) && !foreign()) best = sure('contact.info');
      // "dmn liat info terbarunya": where the news is seen, the office's channels (not the reopening date).
      if ((weak() || best?.intent === 'closure.duration') && /^(?:(?:terus|lalu|kalau) )?(?:dimana|di mana|mana|kemana) (?:bisa )?(?:lihat|liat|cek|baca|dapat)\b.{0,10}\b(?:info|informasi|berita|pengumuman|kabar)\w*/.test(normalised) && !foreign()) best = sure('contact.info');
      // "trus kalo mau lapor gmn caranya? blm mau lapor skrg": how to complain, the form says how (and "batal" leaves it).
      if ((weak() || (best !== undefined && best.score < 1 && best.intent !== 'complaint.status')) && HOW_TO_COMPLAIN.test(normalised) && !OTHER_MATTER.test(normalised) && !foreign()) best = { intent: 'complaint.file', score: 1 };
      // "ga jelas bgt. kasih tanggal pasti dong": the reopening date demanded (never thanks for "kasih").
      if ((weak() || best?.intent === 'closure.status') && SURE_DATE_DEMANDED.test(normalised) && !OTHER_OFFICE.test(normalised)) best = sure('closure.duration');
      // "jadi gak ada survei sama sekali sampai kapan?": until when the site visits stay stopped.
      if (best?.intent === 'field_verification' && best.score < 1 && entities.services.includes('field_verification') && /\b(?:sampai|hingga) kapan\b/.test(normalised)) best = sure('closure.duration');
      // "sugeng enjing, kulo bade tanya, kantor tutup ngantos kapan nggih?": until when it is closed, asked after a greeting.
      // (and "… mau tanya smp kpn kantor dpmptsp tutup", the other way round)
      if (best?.intent === 'closure.status' && best.score < PHRASE_OVER && /\b(?:tutup|ditutup|ditiadakan|libur)\b.{0,15}\b(?:sampai|hingga|sampe) kapan\b|\b(?:sampai|hingga|sampe) kapan\b.{0,25}\b(?:tutup|ditutup|ditiadakan|libur)\b/.test(normalised)) best = sure('closure.duration');
      // "terus nek arep ngurus ijin toko bangunan piye?": how to get a permit, no person asked for (the online way).
      if (best?.intent === 'consultation' && entities.services.includes('permit') && !ASKS_FOR_STAFF.test(normalised) && PERMIT_ACTION.test(normalised) && /\b(?:bagaimana|gimana|caranya)\b/.test(normalised) && !foreign()) best = sure('service.online');
      // "selamat sore pak saya mau tanya2 tapi tidak tahu caranya": the menu shows what can be asked.
      if (normalised.includes('tanya') && ASKING_HOW_TO_ASK.test(normalised) && entities.forms.length === 0) best = { intent: 'help', score: 1 };
      // "bukan itu, maksud saya izin praktek bidan buat anak saya": the permit meant, its form.
      if (entities.forms.length > 0 && (best === undefined || SMALL_TALK.has(best.intent) || best.intent === 'permit.pickup') && MEANT_INSTEAD.test(normalised)) best = sure('form.request');
      // "ok bu nanti sy minta anak sy bukain fb nya": taken in, a plan of one's own, not a question of what it names.
      if (best !== undefined && best.intent !== 'ack' && best.intent !== 'thanks' && best.intent !== 'goodbye' && best.score < 0.9 && !clipped.includes('?') && PLAN_TOLD.test(normalised) && !QUESTION_WORD.test(normalised)) best = { intent: 'ack', score: 1 };
      // "ijin bertanya, apakah penyerahan berkas bs di kantor?": no why-word, so no question of the closure's reason.
      if (best?.intent === 'closure.reason' && best.score < 1 && clipped.includes('?') && !WHY_WORD.test(normalised) && /\b(?:bisa|boleh|dapat|masih)\b/.test(normalised)) best = sure('closure.status');
      // "oke bos": taken in.
      if (ACK_WITH_ADDRESS.test(normalised)) best = { intent: 'ack', score: 1 };
      // "lewati" with no form open: nothing to skip, not understood (never the contacts).
      if (/^(?:lewati|skip)(?: (?:saja|aja|deh))?$/.test(normalised)) best = { intent: 'None', score: 1 };
      // "bs dtg ke kantor aja gak biar dibantuin, sy gak ngerti hp": the counter's state, no complaint word.
      // (staff coming, "petugas bisa datang?", is a site visit's)
      if (best?.intent === 'complaint.file' && best.score < 1 && IN_PERSON_STILL.test(normalised) && !COMPLAINT_WORD.test(normalised) && !/\b(?:petugas|pegawai|tim|orang|yang|yg)\b/.test(normalised)) best = sure('closure.status');
      // "tiang mau bangun rumah …, katanya perlu KRK dulu nggih?": whether a named permit is needed, its form.
      if (best?.intent === 'None' && best.score < 1 && entities.forms.length > 0 && /\b(?:perlu|butuh|harus|wajib)\b/.test(normalised) && !OTHER_OFFICE.test(normalised)) best = sure('form.request');
      // "dia msh di jakarta, bs diurus online semua kan?", "jd semua online ya": what works online.
      if ((weak() || best?.intent === 'office.staffing') && ALL_ONLINE.test(normalised) && !OTHER_BUSINESS_LIST.test(normalised)) best = sure('service.online');
      // "oh tabanan. yaudh sy tanya aja, kantornya buka gak": whether it is open, not its hours.
      if (best?.intent === 'office.hours' && best.score < 1 && !/\bjam\b/.test(normalised) && /\b(?:buka|tutup) (?:tidak|belum)\b|\bmasih (?:buka|tutup)\b/.test(normalised)) best = sure('closure.status');
      // "nomornya langsung aja min jgn suruh buka fb": the number asked for, the contacts.
      if (NUMBER_STRAIGHT.test(normalised) && best?.intent !== 'complaint.status') best = sure('contact.info');
      // "Apa ada petugas yang survei ke rumah?": a site visit, not the staffing.
      if ((best?.intent === 'office.staffing' || best?.intent === 'complaint.status') && best.score < 1 && entities.services.includes('field_verification')) best = sure('field_verification');
      // "tanah sy mau dicek buat KRK, petugas bisa dtg survei ga?": a site visit asked, not a question for staff.
      if (best?.intent === 'consultation' && entities.services.includes('field_verification') && /\b(?:survei|survey|dicek|datang|ke lokasi|turun)\b/.test(normalised) && !/\b(?:tanya|bertanya|bicara|ngobrol|konsultasi)\b/.test(normalised)) best = sure('field_verification');
      // "yaudah, ada kabar terbaru soal pembukaan kantor?": the news of the reopening asked, not announcements.
      if (best?.intent === 'subscribe' && clipped.includes('?') && LATEST_NEWS.test(normalised) && !/\b(?:langganan|berlangganan|subscribe|kabari|kabarin|dikabari|dikabarin)\b/.test(normalised)) best = sure('closure.duration');
      // "SELAMAT SIANG SAYA PERAWAT MAU PERPANJANG SIP": a named permit to get or renew is its form, however its name
      // ("sip", an okay) and the writer's trade pull the network.
      if (best !== undefined && best.score < 1 && (best.intent === 'consultation' || best.intent === 'permit.pickup' || SMALL_TALK.has(best.intent)) && entities.forms.length > 0 && /\b(?:urus\w*|mengurus|ngurus\w*|perpanjang\w*|memperpanjang|bikin\w*|membuat|daftar\w*|ajukan|mengajukan|apply|renew)\b/.test(normalised) && !ASKS_FOR_STAFF.test(normalised) && !/\b(?:ambil|diambil|mengambil|selesai|terbit|sudah|telah|pernah|biaya\w*|berapa|tarif|harga|lama)\b/.test(normalised) && !OTHER_OFFICE.test(normalised)) best = sure('form.request');
      // "yah masih lama dong", "btw kalau bikin nib perlu npwp ga?": a weak reading as a question for staff with no word
      // of a person or of asking is the next reading's (the network learnt staff questions from every topic).
      if (best?.intent === 'consultation' && best.score < 0.6 && !ASKS_FOR_STAFF.test(normalised)) {
        // (only to a question the office's data answers: the closure, OSS, online; a form or the contacts would shadow
        // a part of a longer message, "bedanya sm SIUP apa", or a question the bot has no answer to)
        const next = ranking().find((r) => r.intent !== 'consultation' && !SMALL_TALK.has(r.intent));
        if (next && NEXT_OF_A_WEAK_CONSULTATION.has(next.intent) && next.score >= 0.25 && wordsIn <= 10) best = sure(next.intent);
      }
      // "PARAH BANGET PELAYANANNYA, 2 BULAN IZIN SAYA GAK JADI2": the service called bad, a complaint.
      if ((weak() || best?.intent === 'application.stalled' || CLOSURE_INTENTS.has(best?.intent ?? 'None')) && SERVICE_CALLED_BAD.test(normalised) && !OTHER_MATTER.test(normalised) && !foreign()) best = { intent: 'complaint.file', score: 1 };
      // "oh ok. kalo izin praktek bidan di sini kan?": a named permit with no word of collecting it is its form.
      if (best?.intent === 'permit.pickup' && best.score < 1 && entities.forms.length > 0 && !/\b(?:ambil|diambil|mengambil|jadi|selesai|terbit|dikirim|cetak|asli)\b/.test(normalised)) best = sure('form.request');
      // "oh gitu, yaudah deh": taken in.
      if (wordsIn <= 6 && /^(?:(?:oh|o|oo|oalah) )?(?:begitu |gitu )?(?:ya sudah|yaudah|ok|oke|baik)(?: (?:deh|dah|lah|kalau begitu))*$/.test(normalised) && best?.intent !== 'goodbye' && best?.intent !== 'thanks') best = { intent: 'ack', score: 1 };
      // "yaudah kabarin aja": told to keep the person informed, subscribing (never leaving).
      if (wordsIn <= 7 && KEEP_ME_TOLD.test(normalised)) best = { intent: 'subscribe', score: 1 };
      // "wkwk cuma nyoba": trying the chat out, nothing of the office's.
      if (wordsIn <= 5 && JUST_TESTING.test(normalised)) best = { intent: 'None', score: 1 };
      // "udh dapet 👍": found, an acknowledgement (never a permit to collect, never a farewell).
      if (wordsIn <= 6 && !clipped.includes('?') && GOT_IT.test(normalised)) best = { intent: 'ack', score: 1 };
      // "*BANSOS … dari DPMPTSP!* kirim NIK dan no rekening ke nomor ini. beneran ini?": a scam asked about; the office's
      // own channels are the answer.
      if (best?.intent !== 'complaint.file' && IS_IT_TRUE.test(normalised) && DATA_ASKED_FOR.test(normalised)) best = sure('contact.info');
      // "kalo pasang spanduk … di pinggir jalan, itu izin reklame juga?": a permit named with no word of a site visit.
      // (so is a permit of the kind the catalogue does not list: "lha nek izin usaha bengkel pripun?")
      if (best?.intent === 'field_verification' && (entities.forms.length > 0 || (entities.services.includes('permit') && best.score < 1)) && !entities.services.includes('field_verification') && !VISIT_WORD.test(normalised)) best = sure('form.request');
      // "trus kalau mau urus IMB skrg gmn": a catalogue permit named with no word of OSS is its form, not OSS.
      if (best?.intent === 'oss.registration' && entities.forms.length > 0 && !entities.services.includes('oss') && !/\b(?:oss|nib)\b/.test(normalised)) best = sure('service.online');
      // "Selamat sore, mohon info tindak lanjut pengaduan saya no tiket ADU-…": that ticket's status, whatever its length.
      if (normalised.includes('adu-') && /\badu-[a-z0-9]{6}\b/.test(normalised) && TICKET_ASKED_AFTER.test(normalised) && !COMPLAIN_HERE.test(normalised)) best = { intent: 'complaint.status', score: 1 };
      // "SIP nya ngurus dmn? bisa online gak", "Untuk IMB sekarang gimana?": a catalogue permit named with what is to be
      // done about it is that permit's business, however its other words ("bidan", "developer") pull out of scope.
      if ((!best || best.intent === 'None') && entities.forms.length > 0 && PERMIT_ACTION.test(normalised) && QUESTION_WORD.test(normalised) && !OTHER_OFFICE.test(normalised)) best = sure('form.request');
      // "mau minta KRK", "mau bikin SIUP", "butuh TDUP": a permit wanted, its form (no question for staff, nothing unknown).
      if ((weak() || best?.intent === 'consultation') && wordsIn <= 6 && entities.forms.length > 0 && PERMIT_WANTED.test(normalised) && !ASKS_FOR_STAFF.test(normalised) && !OTHER_OFFICE.test(normalised)) best = sure('form.request');
      // "info terbaru apa? udh buka blm", "kantor sekarang buka layanan apa aja?": whether (and what) the office serves.
      if ((weak() || best?.intent === 'office.hours') && OPEN_YET.test(normalised) && !CONDITIONAL.test(normalised) && !OTHER_OFFICE.test(normalised) && !foreign()) best = sure('closure.status');
      // "form nya bisa diisi online semua?", "izin reklame masih harus online?": how it is done online.
      if ((weak() || best?.intent === 'form.request' || best?.intent === 'field_verification') && FILLED_ONLINE.test(normalised) && !foreign()) best = sure('service.online');
      // Being told of the reopening: asked whether ("kl udh buka dikabarin gak", "Can I get notified …?") it is the
      // reopening's answer, which offers the announcements (a yes subscribes); asked for ("kabari ya kalau sudah
      // buka", "please notify me …") it subscribes.
      if ((weak() || best?.intent === 'office.hours' || best?.intent === 'closure.duration' || best?.intent === 'subscribe') && NOTIFY_WHEN_OPEN.test(normalised)) {
        // (subscribing said beside the question, "sy mau langganan info", "Please subscribe me", is asked for)
        // (a polite request, "Can I get notified …?", "Bisa saya diberi kabar …?", asks for it: since blind sets 22–23)
        const asksWhether = (/\?\s*$/.test(clipped) || /\b(?:tidak|gak|ga|nggak|can|could|will|would|apakah)\b/.test(normalised)) && !/\b(?:langganan|berlangganan|subscribe)\b/.test(normalised) && !NOTIFY_REQUESTED.test(normalised);
        best = asksWhether ? sure('closure.duration') : { intent: 'subscribe', score: 1 };
      }
      // "can I come to the counter to submit my documents now?": the counter's state.
      if ((weak() || best?.intent === 'service.online' || (best?.intent === 'closure.reason' && !WHY_ASKED.test(normalised))) && COME_TO_THE_COUNTER.test(normalised)) best = sure('closure.status');
      // "izin apa aja sih yang bisa diurus di dpmptsp?": the permits the office issues, the forms page with examples.
      if ((weak() || CLOSURE_INTENTS.has(best?.intent ?? '')) && WHICH_PERMITS.test(normalised)) best = sure('form.request');
      // "yaudah kalau gitu saya mau tanya ke petugas aja: bisa pakai email …": a person asked for, then the question.
      if (clipped.includes(':') && PERSON_WANTED.test(withoutPoliteIzin(normalise(clipped.slice(0, clipped.indexOf(':')))))) best = { intent: 'consultation', score: 1 };
      // "konsultasi: …", "konsultasi dong, …": a question for a person, whatever it asks.
      if ((clipped.includes(':') || clipped.includes(',')) && CONSULTATION_HEADED.test(clipped)) best = { intent: 'consultation', score: 1 };
      // "mau konsultasi dokter online dong, anak saya demam": another trade's consultation, out of scope.
      if (normalised.includes('konsultasi ') && OTHER_CONSULTATION.test(normalised) && !PERMIT_WORD.test(normalised) && entities.forms.length === 0) best = { intent: 'None', score: 1 };
      // "how can I follow up on it?": a complaint's status.
      if ((normalised.includes('follow') || normalised.includes('track')) && FOLLOW_IT_UP.test(normalised)) best = sure('complaint.status');
      const result: Classification = best
        ? { intent: best.intent, score: best.score, language, normalised, entities }
        : { intent: 'None', score: 1, language, normalised, entities };
      // (asked only of a None: most messages never pay for the feature check)
      if (result.intent === 'None' && foreign()) result.otherBusiness = true;
      return result;
    } catch {
      // Never let a hostile message take the bot down: unknown means None.
      return { intent: 'None', score: 0, language: 'id', normalised: '', entities: noEntities() };
    }
  };

  // "Selamat pagi, saya guru SD, mau tanya pelayanan buka jam berapa?": a message not understood whose writer
  // introduced themselves first is read again without the introduction (whose words, "SD", may be another
  // business's); what the whole message named stays named.
  const predict = (text: string): Classification => {
    const whole = predictOnce(text);
    if (whole.intent !== 'None' || whole.score < 1 || typeof text !== 'string' || text.length > 400) return whole;
    const rest = SELF_INTRODUCED.exec(text)?.[1];
    if (rest === undefined) return whole;
    const asked = predictOnce(rest);
    if (asked.intent === 'None') return whole;
    const forms = [...new Set([...asked.entities.forms, ...whole.entities.forms])];
    const services = [...new Set([...asked.entities.services, ...whole.entities.services])];
    return { ...asked, entities: { forms, services } };
  };

  return {
    threshold,
    fromCache,
    readyMs: performance.now() - started,
    predict,
    classify(text: string): Classification {
      const p = predict(text);
      return p.score < threshold && p.intent !== 'None' ? { ...p, intent: 'None' } : p;
    },
    rank(text: string): ScoredIntent[] {
      try {
        return rankNormalised(withoutPoliteIzin(normalise(stripMarkup(typeof text === 'string' ? text.slice(0, MAX_INPUT_CHARS) : ''))));
      } catch {
        return [];
      }
    },
  };
}

/**
 * A normaliser that also mends typos of office words: a token that is no known word (lexicon, corpora) and is one
 * edit (5–7 letters) or two (8 or more) from a word the business intents or the office catalogue use becomes that
 * word ("pormulir" → formulir, "verifkasi" → verifikasi, "perijinan" → perizinan). Words of out-of-scope examples
 * count as known, so they are never "corrected" into office words.
 */
function createTypoTolerantNormaliser(
  base: (text: string) => string,
  lexicon: Lexicon,
  examples: readonly NormalisedExample[],
  domainTerms: readonly string[],
): (text: string) => string {
  const seen = new Set<string>();
  const office: string[] = [];
  const add = (normalised: string, target: boolean): void => {
    for (const t of normalised.split(' ')) {
      if (!t) continue;
      if (target && !seen.has(t) && /^\p{L}+$/u.test(t)) office.push(t);
      seen.add(t);
    }
  };
  for (const term of domainTerms) add(base(term), true);
  for (const ex of examples) add(ex.normalised, ex.intent !== 'None');
  const vocabulary = new FuzzyVocabulary(office);
  const cache = new Map<string, string>();
  const isKnown = (w: string): boolean => w.length >= 3 && (seen.has(w) || lexicon.known.has(w));
  // A known word with an affix ("emailnya", "bertanya", "dikirimkan") is a word, never a typo of another one
  // ("emailnya" was mended into "ambilnya", "bertanya" into "berkasnya").
  const derivedFromKnown = (token: string): boolean => {
    for (const suffix of AFFIX_SUFFIXES) {
      if (suffix && !token.endsWith(suffix)) continue;
      const stem = suffix ? token.slice(0, -suffix.length) : token;
      for (const prefix of AFFIX_PREFIXES) if ((prefix || suffix) && stem.startsWith(prefix) && isKnown(stem.slice(prefix.length))) return true;
    }
    return false;
  };
  const mend = (token: string): string => {
    if (seen.has(token) || lexicon.known.has(token) || !/^\p{L}{5,}$/u.test(token)) return token;
    let out = cache.get(token);
    if (out === undefined) {
      out = derivedFromKnown(token) ? token : (vocabulary.lookup(token) ?? token);
      if (cache.size >= 20_000) cache.clear();
      cache.set(token, out);
    }
    return out;
  };
  return (text: string): string => {
    const n = base(text);
    if (!n) return n;
    let out = '';
    for (const t of n.split(' ')) out = out ? `${out} ${mend(t)}` : mend(t);
    return out;
  };
}

/** The ranking with one intent ruled out, the others' scores normalised again to sum to 1. */
function without(ranked: readonly ScoredIntent[], intent: IntentName): ScoredIntent[] {
  const rest = ranked.filter((r) => r.intent !== intent);
  const total = rest.reduce((sum, r) => sum + r.score, 0);
  return total > 0 ? rest.map((r) => ({ intent: r.intent, score: r.score / total })) : [];
}

/** nlp.js's "activation" rule: an intent can only win if it shares a feature with the message. */
function activated(features: ReadonlySet<string> | undefined, input: Record<string, number>): boolean {
  if (!features) return false;
  for (const f of Object.keys(input)) if (features.has(f)) return true;
  return false;
}

function train(
  examples: readonly NormalisedExample[],
  features: (normalised: string) => Record<string, number>,
): { network: NeuralNetwork; intentFeatures: Map<string, Set<string>> } {
  const items: TrainingItem[] = [];
  const intentFeatures = new Map<string, Set<string>>();
  for (const ex of examples) {
    const bag = features(ex.normalised);
    const keys = Object.keys(bag);
    if (keys.length === 0) continue;
    let set = intentFeatures.get(ex.intent);
    if (!set) intentFeatures.set(ex.intent, (set = new Set()));
    for (const k of keys) set.add(k);
    items.push({ input: bag, output: { [ex.intent]: 1 } });
  }
  // nlp.js's useNoneFeature: one example teaching that the unknown-words feature means None.
  items.push({ input: { [NONE_FEATURE]: 1 }, output: { None: 1 } });
  if (!intentFeatures.has('None')) intentFeatures.set('None', new Set());
  const network = new NeuralNetworkClass({ ...NETWORK_SETTINGS });
  network.train(items);
  return { network, intentFeatures };
}

/** Per-feature log-odds of out-of-scope against business text (Naive Bayes, add-one smoothing, equal priors). */
/** Word counts per intent, for Naive Bayes log-odds of out-of-scope against an intent. */
interface WordCounts {
  counts: Map<string, Map<string, number>>;
  totals: Map<string, number>;
  vocabulary: number;
}

function countWords(examples: readonly NormalisedExample[], features: (normalised: string) => Record<string, number>): WordCounts {
  const counts = new Map<string, Map<string, number>>();
  const totals = new Map<string, number>();
  const vocab = new Set<string>();
  const bump = (intent: string, f: string): void => {
    let m = counts.get(intent);
    if (!m) counts.set(intent, (m = new Map()));
    m.set(f, (m.get(f) ?? 0) + 1);
    totals.set(intent, (totals.get(intent) ?? 0) + 1);
  };
  for (const ex of examples) {
    for (const f of Object.keys(features(ex.normalised))) {
      vocab.add(f);
      bump(ex.intent, f);
      if (ex.intent !== 'None') bump(BUSINESS, f);
    }
  }
  return { counts, totals, vocabulary: vocab.size };
}
const BUSINESS = '__business__';

function wordCountsFromJson(json: Record<string, Record<string, number>>): WordCounts {
  const counts = new Map<string, Map<string, number>>();
  const totals = new Map<string, number>();
  const vocab = new Set<string>();
  for (const [intent, m] of Object.entries(json)) {
    const inner = new Map(Object.entries(m));
    counts.set(intent, inner);
    let total = 0;
    for (const [f, n] of inner) {
      total += n;
      if (intent !== BUSINESS) vocab.add(f);
    }
    totals.set(intent, total);
  }
  return { counts, totals, vocabulary: vocab.size };
}

/** Log-odds (add-one smoothing, equal priors) that `features` are out-of-scope text rather than `intent`'s. */
function logOddsOf(w: WordCounts, features: readonly string[], intent: string, skip: ReadonlySet<string>): number {
  const none = w.counts.get('None');
  const other = w.counts.get(intent);
  const nTotal = (w.totals.get('None') ?? 0) + w.vocabulary;
  const oTotal = (w.totals.get(intent) ?? 0) + w.vocabulary;
  let sum = 0;
  for (const f of features) {
    if (skip.has(f)) continue;
    sum += Math.log((((none?.get(f) ?? 0) + 1) / nTotal) / (((other?.get(f) ?? 0) + 1) / oTotal));
  }
  return sum;
}

function readCache(path: string, key: string): ModelCache | undefined {
  try {
    const json = JSON.parse(readFileSync(path, 'utf8')) as Partial<ModelCache>;
    if (json.format !== MODEL_FORMAT || json.key !== key || !json.network || !json.intentFeatures || !json.wordCounts) return undefined;
    return json as ModelCache;
  } catch {
    return undefined; // missing or corrupt cache: retrain
  }
}

function writeCache(path: string, cache: ModelCache): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(cache));
    renameSync(tmp, path); // atomic: a concurrent reader never sees half a file
  } catch {
    // A read-only data dir only costs the next start-up a retrain.
  }
}
