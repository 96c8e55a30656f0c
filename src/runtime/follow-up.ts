/**
 * Context follow-ups: a short message that only makes sense after the last answer ("caranya gmn", "smp kpn?",
 * "how long?", "kalo yg izin praktek dokter gigi?", "baliho jg sama?") continues the conversation's topic
 * (`session.topic`) instead of getting the menu, or worse, opening a form. Pure: the text, its
 * classification, the last topic and the office data.
 */
import type { OfficeData } from '../kernel/office.js';
import { NAMES_A_PERMIT, namesTopic } from '../kernel/office-text.js';
import { ownAreaWords } from '../nlu/entities.js';
import { PLAN_TOLD, RUMOUR_FALSE } from '../nlu/phrases.js';
import type { Session } from '../kernel/session.js';
import type { Classification, IntentName } from '../nlu/types.js';

/** Answers a follow-up can continue (information, never a form or a change of state). */
export const CONTINUABLE: ReadonlySet<IntentName> = new Set<IntentName>([
  'closure.status',
  'closure.duration',
  'closure.reason',
  'service.online',
  'form.request',
  'oss.registration',
  'field_verification',
  'contact.info',
  'office.hours',
  'office.staffing',
  'permit.pickup',
  'referral',
  'consultation',
  // ("terus saya harus ngapain" after an application gone quiet: its offers again)
  'application.stalled',
]);

/**
 * Intents a short follow-up may be misread as: nothing understood, the menu, and the intents that open a form
 * or change a subscription ("kalo perawat?" is no complaint), and a question for staff only when it is elliptic
 * ("sip, kalo izin toko swalayan?" continues the forms). A confident information answer stands.
 */
const OVERRIDABLE: ReadonlySet<IntentName> = new Set<IntentName>(['None', 'help', 'ack', 'greeting', 'complaint.file', 'complaint.status', 'subscribe', 'unsubscribe', 'goodbye', 'consultation']);
/** A ticket question names a ticket or a complaint ("trs gmn dong" after a closure answer does not). */
/** The site visit's own words ("survei", "ke lokasi", "yang datang"; never a bare "datang": "Jumat sore bisa datang?" asks the hours). */
const VISIT_WORDS = /\b(?:survei\w*|survey\w*|lokasi\w*|ke lapangan|ngecek|mengecek|(?:yang|yg|petugasnya|petugas) (?:datang|dateng|dtg|ke sini|kesini|turun))\b/;
/** A business told ("usaha saya …", "jualan saya …"). */
const BUSINESS_TOLD = /^(?:(?:oh|jadi|kalau|ini) )*(?:usaha|bisnis|jualan|toko|warung) (?:saya|kami|aku|sy|punya saya)\b/;
/** Still waiting, said in a few words ("kok lama bgt", "blm ada kabar juga"). */
const STILL_WAITING = /\b(?:lama|lambat|lelet)\b|\bbelum (?:ada|juga|di\w+)\b/;
/** Following up a filed complaint ("how can I follow up on it?", "pantaunya gmn", "cek statusnya dmn"). */
const FOLLOW_IT = /\bfollow(?:ing)? (?:it )?up\b|\btrack\b|\b(?:pantau|memantau|dipantau)\w*|\bcek (?:perkembangan|progres)\w*|\bcek (?:status\w*|nya)\b|\bstatusnya\b/;
const TICKET_WORDS = /\b(tiket|ticket|aduan|pengaduan|laporan|komplain|complaint|adu-\w+)\b/;

/** At most this many words: a longer message says what it is about by itself. */
const MAX_WORDS = 8;

// An acknowledgement may come first: "sip, kalo izin toko swalayan?", "ok terus kalau reklame?".
const ELLIPTIC = /^(?:(?:sip|ok|oke|okay|iya|ya|oh|baik|siap|mantap|nah|makasih|thanks)\s+)?(kalo|kalau|klo|kl|gmn kalo|gimana kalau|gimana kalo|bagaimana kalau|bagaimana dengan|trus kalo|terus kalau|terus kalo|trs kalo|oh ok kalo|ok kalo|what about|how about|and for|and the|and)\b|\b(juga|jg|jga|too|also)\b/;
const UNTIL = /\b(sampai|sampe|smp|ampe|sampek) (kapan|kpn)\b|\bhow long\b|\buntil when\b|\b(berapa|brp) lama\b|\blama (bgt|banget|sekali|amat)\b|\bkapan (buka|dibuka)\b|\b(kpn|kapan) bisa\b|\bwhen\b|\blama (tidak|ga|gak|nggak|enggak|gk)\b|\bnunggu\w* lama\b/;
// "kok sedikit banget kenapa?" asks why at the end.
const WHY = /^(?:(?:trus|terus|trs|lalu|tapi|tp|kok)\s+)?(kenapa|knp|napa|mengapa|why)\b|^(?:\S+ ){0,4}(?:kenapa|knp|napa|mengapa|why)$|^(?:(?:terus|lalu|apa|jadi) )?alasan\w*(?: (?:nya|apa|ya|sih))*$|^(?:the )?reason\??$/;
/** Days of the week: "and Monday to Thursday?", "kalo sabtu?" after the hours ask the hours of those days. */
const DAY = /\b(?:senin|selasa|rabu|kamis|jumat|sabtu|minggu|weekend|akhir pekan|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b/;
const HOW = /\b(caranya|cara|gmn|gimana|bagaimana|gmana|how)\b/;
const WHERE_SEND = /\b(dikirim|kirim|kirimnya|diserahkan|upload|unggah)\b.*\b(kmn|kemana|ke mana|dimana|dmn|mana|where)\b|\bwhere do i send\b/;
const PROCESSING = /\b(jadi|jadinya|proses|prosesnya|diproses|terbit|terbitnya|selesai|selesainya|process|processing|issued)\b/;
/** Doing it without coming in: online, from home. */
const FROM_HOME = /\b(online|daring|dari rumah|dr rumah|from home|lewat internet|via internet|tanpa datang|tanpa ke kantor)\b/;
/** A message that is only a question word (normalised). */
const BARE_QUESTION = /^(?:(?:terus|trus|lalu|and|so|then|tapi|but)\s+)?(?:how|why|when|bagaimana maksudnya|bagaimana|caranya|cara|kenapa|mengapa|kapan|how come|maksudnya|maksud nya|apa maksudnya|what do you mean)(?:\s+(?:bagaimana|caranya|how))?(?:\s+(?:then|so|ya|nya|itu))?$/;
const CLOSED = /\b(tutup|ditutup|buka|dibuka|open|closed)\b/;
/** "terus gimana dong", "jadi gmn", "so how": carrying on from the last answer. */
const CARRY_ON = /^(?:(?:terus|trus|trs|lalu|jadi|jd|so|then|and then|nah)\s+)(?:bagaimana|gimana|gmn|caranya|how)\b/;
/** At the office itself, face to face. */
const AT_THE_OFFICE_WORDS = 'tatap muka|face to face|in person|offline|di kantor|ke kantor|di loket|ke loket';
const AT_THE_COUNTER = new RegExp(`\\b(?:${AT_THE_OFFICE_WORDS}|langsung)\\b`);
/** A connective alone: "trs?", "terus gmn?" is CARRY_ON's. */
const CARRY_ON_ALONE = /^(?:terus|lalu|nah|jadi|then|so|and then|and)$/;
/** "dmn itu?", "alamatnya?", "where is it?" after naming another agency: where that agency is. */
const WHERE_THAT = /^(?:(?:terus|trus|trs|lalu|oh|and|so)\s+)?(?:(?:dimana|di mana|kemana|ke mana|where)(?:\s+(?:itu|tuh|ya|kantornya|alamatnya|is it|is that|do i go))?|alamatnya(?:\s+(?:dimana|di mana))?|kantornya (?:dimana|di mana))$/;
/** "jd blm pasti ya?", "not decided yet?": the reopening date is still open. */
const NOT_DECIDED = /\b(?:belum|tidak|ga|gak|nggak|not|no)\s+(?:ada\s+)?(?:tanggal(?:nya)?\s+)?(?:pasti|kepastian|tentu|ditentukan|jelas|sure|certain|decided|fixed)\b/;
/** "ada cara lain?", "alternatifnya?": another way than coming in. */
const ANOTHER_WAY = /\b(?:cara lain|jalan lain|solusi lain|alternatif\w*|solusinya|other way|another way|other option|alternatives?|meanwhile|in the meantime|sementara itu|selama itu|selama tutup|what can i do)\b/;
/** "kalo mau ketemu salah satunya?", "can I meet them?": meeting staff in person. */
const MEET = /\b(?:ketemu|bertemu|menemui|jumpa|tatap muka|meet|see them|in person)\b/;

/** Asking a person in chat: "mau nanya langsung ke petugasnya", "bisa ngobrol sama orang?". */
const PERSON_ASKED = /\b(?<!salah )(?:tanya|nanya|bertanya|ngobrol|mengobrol|bicara|berbicara|ngomong|konsultasi|chat|talk|speak)\b.*\b(?:petugas\w*|staf\w*|staff|pegawai\w*|orang|admin\w*|cs|human|person|someone)\b/;
/** At the office itself, coming in (a desk question, not a chat with a person): "langsung" alone is no place. */
const AT_THE_OFFICE = new RegExp(`\\b(?:${AT_THE_OFFICE_WORDS}|datang|dateng)\\b`);
/** What is needed: "perlu apa aja", "syaratnya", "pake apa aja", "what do I need". */
const REQUIREMENTS = /\b(?:perlu apa|butuh apa|syarat\w*|persyaratan\w*|pakai apa|pake apa|memakai apa|dokumen apa|bawa apa|modal apa|what do i need|requirements?|what documents)\b/;
/** Words of making or getting something ("bikinnya dmn", "where do I get it"). */
const MAKE: ReadonlySet<string> = new Set('bikin bikinnya buat buatnya membuat urusnya ngurusnya dapatnya mendapatkan dapetnya get make apply obtain one'.split(' '));
/** A form named as such: "kalo formulir pbg?" asks for the form, not the permit's closure state. */
const FORM_WORD = /\b(?:formulir\w*|form|formnya|blanko\w*|link\w*|download|unduh)\b/;

/** "sejak kapan", "since when", "mulai kapan": since when. */
const SINCE = /\b(?:sejak|since|mulai|dari) (?:kapan|when)\b/;
/** "harus nunggu sampai buka?": waiting until it opens. */
const WAIT_UNTIL_OPEN = /\b(?:menunggu|nunggu|tunggu|wait)\w*\b.*\b(?:sampai|until|till) (?:buka|dibuka|kantor buka|it opens|open)\b/;
/** "kapan dijawab", "when will they answer": when staff answer. */
const ANSWERED_WHEN = /\b(?:kapan|when)\b.*\b(?:dijawab|dibalas|dibales|direspon|direspons|ditanggapi|dihubungi|answer\w*|repl\w*|respond\w*|get back)\b|\b(?:dijawab|dibalas|dibales|direspon|ditanggapi)\b.*\b(?:kapan|berapa lama)\b/;
/** A question word of a short message (normalised): what, where, which. */
const ASKS = /\b(?:apa|apakah|dimana|di mana|mana|kemana|ke mana|where|what|which)\b/;
/**
 * The words a topic-less question may hold besides its question word (normalised): nothing that names a topic of
 * its own, so "beli pulsa dimana" after an OSS answer stays out of scope.
 */
const GENERIC: ReadonlySet<string> = new Set(
  ('apa apakah dimana di mana kemana ke where what which terus lalu jadi nah oh ok oke terus kalau daftar daftarnya ' +
    'mendaftar dapat dapatnya didapat lewat via pakai melalui urus mengurus urusnya caranya cara kirim kirimnya dikirim ' +
    'nya itu ini saya kita bisa harus perlu ya sih dong kak min then so and do i we get it is that the one').split(' '),
);
/** The link asked for ("link nya apa", "alamat webnya", "tautannya"). */
const LINK_ASKED = /\b(?:link\w*|tautan\w*|url\w*|alamat web\w*|webnya|websitenya)\b/;
/** This chat ("lewat chat ini", "di sini aja", "via wa"). */
const IN_THIS_CHAT = /\b(?:lewat chat|via chat|di chat|chat ini|lewat sini|di sini|disini|lewat wa|via wa|lewat whatsapp|via whatsapp|online)\b/;
/** A finished permit sent instead of collected ("dikirim pdf aja", "lewat email bisa?", "softcopy"). */
/** A reading of a service the message names itself (OSS as OSS, "cek lapangan" as the site visit): its own question. */
const ASKS_ITS_OWN_SERVICE = (c: Classification): boolean =>
  (c.intent === 'oss.registration' && c.entities.services.includes('oss')) || (c.intent === 'field_verification' && c.entities.services.includes('field_verification'));
/** What to do now ("terus saya harus ngapain", "jadi sy hrs gimana dong"). */
const WHAT_NOW = /^(?:(?:terus|lalu|jadi|nah|trus) )?(?:saya |aku |kami )?(?:harus |mesti |musti |sebaiknya )?(?:ngapain|sedang apa|bagaimana|apa|berbuat apa)(?: (?:dong|ya|nih|sekarang|sih|kak|min|pak|bu))*$/;
/** A correction ("eh maksud sy yg reklame", "bukan itu, yg SIUP"): the last question, of what it names now. */
const CORRECTED = /^(?:(?:eh|oh|maaf|sorry|ups) )*(?:maksud (?:saya|aku|kami)|maksudnya|yang saya maksud|bukan itu|bukan yang itu|salah)\b/;
/** The same asked of something else ("… juga sama?", "sama juga gak?", "as well?"). */
const SAME_FOR = /\b(?:juga sama|sama juga|juga begitu|juga gitu|begitu juga|gitu juga|as well|the same)\b/;
/** When a filed complaint is acted on ("kapan ditindaklanjuti ya?", "berapa lama diprosesnya"): its status. */
const ACTED_ON_WHEN = /\b(?:kapan|berapa lama|when)\b.{0,20}\b(?:ditindaklanjuti|tindak lanjut\w*|diproses|direspon|dibalas|ditanggapi|dicek|diverifikasi|dihubungi|followed up)\b/;
/** "itu dimana?", "dimana itu", "mana tuh": where the thing just answered is. */
const WHERE_IS_IT = /^(?:(?:terus|lalu|oh) )?(?:itu |ini )?(?:dimana|di mana|mana)(?: (?:itu|tuh|ya|sih|kak|min|pak|bu))*(?: |$)/;
/** "jadi bukan di dpmptsp ya?", "bukan di sini ya": not this office's business, checked. */
const NOT_HERE = /\bbukan (?:di ?sini|di dpmptsp|dpmptsp|di kantor ini|kantor ini|di ptsp|ptsp|urusan (?:sini|dpmptsp))\b/;
/** "lah katanya semua urusan di pelayanan satu pintu" after another agency's answer: the one-stop office named, whose business that still is not. */
const ONE_STOP = /\b(?:satu pintu|semua (?:urusan|layanan|izin|perizinan|dokumen)|semuanya (?:di ?sini|bisa))\b/;
const SENT_INSTEAD = /\b(?:dikirim|kirim\w*|pdf|email|scan|softcopy|soft copy|online|via|lewat|antar|diantar|sent|send)\b/;
/** Registering asked about ("daftarnya dmn", "daftarnya pake apa aja", "caranya gmn step by step", "gratis kan"). */
const REGISTERING = /\bwhat do i need to register\b|\bhow (?:do|can) i register\b|\b(?:daftar\w*|registrasi\w*|mendaftar)\b.*\b(?:dimana|di mana|mana|bagaimana|caranya|cara|pakai|apa saja|gratis|bayar|biaya\w*|web\w*|situs\w*|alamat\w*|link\w*|sendiri|dari rumah|dr rumah)\b|\b(?:caranya|cara) (?:bagaimana|gimana)\b.*\bstep\b|\bgratis\b|\b(?:habis|abis|setelah|sesudah|udah|sudah) (?:daftar|registrasi|mendaftar)\b.{0,12}\b(?:dapat|dpt|dapet|ngapain|apa)\b/;
/** "semua layanan?", "semuanya?", "all services?": everything closed or not. */
const ALL_OF_THEM = /^(?:(?:jadi|jd|berarti|apa|apakah) )?(?:semua|semuanya|seluruh|all)(?: (?:layanan|layanannya|pelayanan|services?|nya))?(?: (?:tutup|ditutup|juga|jg|ya|kah))?$/;
/** "lewat mana", "via apa": by which way. */
const VIA = /\b(?:lewat|via|pakai|melalui|through|by)\b/;

const CLOSURE: ReadonlySet<string> = new Set(['closure.status', 'closure.duration', 'closure.reason', 'office.hours', 'office.staffing', 'service.online']);
/** Topics a named service's closure state continues ("kalo konsultasi?" after the list of what is closed). */
const CLOSURE_OF_SERVICE: ReadonlySet<string> = new Set([...CLOSURE, 'field_verification']);

/** Whether normalised text names the office's own area ("tabanan" of "Kabupaten Tabanan"). */
function namesOwnArea(normalised: string, office: OfficeData): boolean {
  const own = ownAreaWords(office.region.toLowerCase());
  return normalised.split(' ').some((w) => own.includes(w));
}

/** `text.split(' ').filter(Boolean).length`, without the arrays (every turn asks it). */
function countWords(text: string): number {
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i += 1) {
    const space = text.charCodeAt(i) === 32;
    if (!space && !inWord) words += 1;
    inWord = !space;
  }
  return words;
}

/** The intent a follow-up continues, or undefined when the message stands on its own. */
export function followUp(c: Classification, text: string, topic: Session['topic'], office: OfficeData): IntentName | undefined {
  const words = countWords(c.normalised);
  // "oke sip, nanti minta tolong anak bikinin email", "ok bu nanti sy minta anak sy bukain fb nya": taken in, whatever it names.
  if (c.intent === 'ack' && PLAN_TOLD.test(c.normalised) && !text.includes('?')) return undefined;
  // "kalau mau ngobrol langsung sama petugas bisa nggak": a person asked for in so many words (not at the office) stands.
  if (c.intent === 'consultation' && c.score >= 1 && PERSON_ASKED.test(c.normalised) && !AT_THE_OFFICE.test(c.normalised)) return undefined;
  // "kok belum ada tanggapan, saya mau lapor lagi": a complaint said in so many words (a phrase rule's sure reading) stands.
  if (c.intent === 'complaint.file' && c.score >= 1) return undefined;
  // "trus disini ngurus apa aja?": the menu asked for in so many words (a phrase rule's sure reading) stands.
  if (c.intent === 'help' && c.score >= 1) return undefined;
  // "kalo konsultasi lewat chat ini bisa?": the consultation desk in this chat, never the counter's closure.
  if (c.intent === 'consultation' && IN_THIS_CHAT.test(c.normalised)) return undefined;
  // After a question about another regency's office, only a message naming this office's own area continues it
  // ("kalo di Tabanan?", "kalo yg tabanan formnya dmn"): the same question, asked of this office.
  if (topic?.elsewhere) {
    return words <= MAX_WORDS && OVERRIDABLE.has(c.intent) && namesOwnArea(c.normalised, office) ? (topic.intent as IntentName) : undefined;
  }
  // "kalo yg izin praktek bidan?" after a forms answer names only a new permit: its form, whatever it was read as.
  // (OSS or a site visit asked of that permit is that question: "yaudh, apotek sy jg perlu NIB kah?", "kl krk perlu cek lapangan?")
  if (topic?.intent === 'form.request' && c.entities.forms.length > 0 && c.intent !== 'form.request' && !ASKS_ITS_OWN_SERVICE(c)) {
    if (words <= MAX_WORDS && (ELLIPTIC.test(c.normalised) || ELLIPTIC.test(text.toLowerCase()) || CORRECTED.test(c.normalised))) return 'form.request';
    // (asked first, then told why: "trs kalo yg reklame? sy mau pasang spanduk di dpn warung")
    const asked = /^[^?]*\?/.exec(text)?.[0];
    if (asked && asked.length < text.length && countWords(asked) <= MAX_WORDS && ELLIPTIC.test(asked.toLowerCase())) return 'form.request';
  }
  // "Kalau sertifikat non perizinan juga sama?" after an answer: the same question, of what it names.
  if (topic && CONTINUABLE.has(topic.intent as IntentName) && words <= MAX_WORDS && SAME_FOR.test(c.normalised) && (c.entities.forms.length > 0 || c.entities.services.length > 0) && !ASKS_ITS_OWN_SERVICE(c)) {
    return CLOSURE_OF_SERVICE.has(topic.intent) && c.entities.services.length > 0 ? 'closure.status' : (topic.intent as IntentName);
  }
  // "jadi gak ada yg dtg gitu?", "kapan petugasnya datang?" after the site-visit answer: still the site visit.
  // ("jadi gak ada survei sama sekali sampai kapan?" asks until when they stay stopped: the closure's end)
  if (topic?.intent === 'field_verification' && words <= MAX_WORDS && VISIT_WORDS.test(c.normalised) && !TICKET_WORDS.test(c.normalised) && !/\b(?:sampai|sampe|hingga) (?:kapan|kpn)\b/.test(c.normalised)) return 'field_verification';
  // "usaha saya jual beli hp bekas di pasar" after a forms or OSS answer: the business the permit is for.
  if (topic && (topic.intent === 'form.request' || topic.intent === 'oss.registration') && words <= MAX_WORDS + 4 && BUSINESS_TOLD.test(c.normalised) && OVERRIDABLE.has(c.intent)) return topic.intent as IntentName;
  // "kok lama bgt, udh seminggu" after a ticket's status: still about that ticket, never the closure's "how long".
  // (a person asked for after it, "kok lama ya. sy mau ngomong sm petugas", is the desk)
  if (topic?.intent === 'complaint.status' && words <= MAX_WORDS && (STILL_WAITING.test(c.normalised) || ACTED_ON_WHEN.test(c.normalised)) && !TICKET_WORDS.test(c.normalised) && !PERSON_ASKED.test(c.normalised)) return 'complaint.status';
  // "how can I follow up on it?", "cara pantaunya gmn?", "kapan ditindaklanjuti ya?" after a complaint was filed: its status.
  if (topic?.intent === 'complaint.file' && words <= MAX_WORDS + 4 && (FOLLOW_IT.test(c.normalised) || ACTED_ON_WHEN.test(c.normalised))) return 'complaint.status';
  // "jadi bukan di dpmptsp ya?" after another agency's answer: that agency's, said again.
  if (topic?.intent === 'referral' && words <= MAX_WORDS && NOT_HERE.test(c.normalised)) return 'referral';
  if (topic?.intent === 'referral' && words <= MAX_WORDS + 2 && ONE_STOP.test(c.normalised) && c.entities.forms.length === 0) return 'referral';
  // "dmn itu?" after another agency's answer asks where that agency is, not the office's own contact.
  if (topic?.intent === 'referral' && WHERE_THAT.test(c.normalised)) return 'referral';
  // "lama bgt. kok gitu" after a closure answer: why it is so.
  if (topic && CLOSURE.has(topic.intent) && words <= 6 && /\b(?:lama (?:banget|sekali|amat)|kok (?:gitu|begitu|lama))\b/.test(c.normalised) && !TICKET_WORDS.test(c.normalised)) return 'closure.reason';
  // "jadi hoax ya" after the closure's answer to a rumour: the closure stands.
  if (topic && CLOSURE.has(topic.intent) && RUMOUR_FALSE.test(c.normalised)) return 'closure.status';
  // "oh jd blm pasti ya?" after a closure answer: the reopening date is not decided (never a stalled application).
  if (topic && CLOSURE.has(topic.intent) && words <= 6 && NOT_DECIDED.test(c.normalised)) return 'closure.duration';
  // "terus saya harus ngapain" after an answer: what to do now, that answer's (a stalled application's offers).
  if (topic && CONTINUABLE.has(topic.intent as IntentName) && WHAT_NOW.test(c.normalised)) {
    return CLOSURE.has(topic.intent) && topic.intent !== 'service.online' ? 'service.online' : (topic.intent as IntentName);
  }
  // "trs?", "terus?", "so?" alone carries on from the last answer, whatever the network made of the word.
  if (topic && CONTINUABLE.has(topic.intent as IntentName) && CARRY_ON_ALONE.test(c.normalised)) {
    return CLOSURE.has(topic.intent) && topic.intent !== 'service.online' ? 'service.online' : (topic.intent as IntentName);
  }
  // "kira2 kpn dijawab?", "when will someone reply?" after a question was taken for staff: when staff answer,
  // however confidently it reads as the reopening.
  if (topic?.intent === 'consultation' && words <= MAX_WORDS && ANSWERED_WHEN.test(c.normalised)) return 'consultation';
  // "So what can I do meanwhile?", "klo gitu ada cara lain?" after a closure answer: what can be done instead.
  if (topic && CLOSURE.has(topic.intent) && words <= MAX_WORDS + 4 && !TICKET_WORDS.test(c.normalised) && ANOTHER_WAY.test(c.normalised)) return 'service.online';
  // "kalo mau nanya langsung ke petugasnya gmn": asking for a person in chat (the desk at the office is a closure question).
  // (a farewell that addresses one, "udah dulu ya, stop nanya2 dulu 😂 makasih min", asks for nobody)
  if (topic && words <= MAX_WORDS + 2 && PERSON_ASKED.test(c.normalised) && !AT_THE_OFFICE.test(c.normalised) && !((c.intent === 'goodbye' || c.intent === 'thanks') && c.score >= 0.9)) return 'consultation';
  // After an answer about OSS (or one that named it): its sub-topics ("NIK sm email aja?", "I don't have an email
  // address yet, is that a problem?" is no complaint, "sy ga ada email" no farewell) and registering ("daftarnya
  // dmn? gratis kan") continue OSS, however they read alone.
  const aboutOss = topic?.intent === 'oss.registration' || (topic?.services.includes('oss') ?? false);
  if (aboutOss && c.intent !== 'oss.registration' && words <= MAX_WORDS + 8 && (office.oss.topics.some((x) => namesTopic(c.normalised, x)) || (words <= 8 && REGISTERING.test(c.normalised)))) return 'oss.registration';
  // "itu dimana? sy gak ngerti internet" after a forms or online answer: where that is, the same answer again.
  if ((topic?.intent === 'form.request' || topic?.intent === 'service.online') && words <= MAX_WORDS + 2 && WHERE_IS_IT.test(c.normalised)) return topic.intent as IntentName;
  // "link nya apa pak" after a forms answer: the forms page again.
  // (so is it after a closure or online answer, which gives the same page: "…tutup krn covid, jadi sy harus gimana")
  if (topic && (topic.intent === 'form.request' || CLOSURE.has(topic.intent)) && words <= MAX_WORDS + 2 && LINK_ASKED.test(c.normalised) && !TICKET_WORDS.test(c.normalised)) return 'form.request';
  // "semua layanan?" after a closure answer: what is closed.
  if (topic && CLOSURE.has(topic.intent) && ALL_OF_THEM.test(c.normalised)) return 'closure.status';
  // After an OSS answer: "perlu apa aja", "daftarnya pake apa", "bikinnya dmn", "where do I get it" continue OSS.
  if (topic?.intent === 'oss.registration' && words <= 5 && (REQUIREMENTS.test(c.normalised) || (ASKS.test(c.normalised) && c.normalised.split(' ').every((w) => GENERIC.has(w) || MAKE.has(w))))) return 'oss.registration';
  // "berarti surat keterangan jg ga bs ya?", "kalo pbg?" after a closure answer: that service's (or permit's) state.
  if (topic && CLOSURE.has(topic.intent) && words <= MAX_WORDS && (ELLIPTIC.test(c.normalised) || ELLIPTIC.test(text.toLowerCase())) && !FORM_WORD.test(c.normalised)) {
    const named = c.entities.services.length > 0 || c.entities.forms.length > 0;
    if (named && (CLOSURE.has(c.intent) || OVERRIDABLE.has(c.intent) || c.intent === 'form.request')) return UNTIL.test(c.normalised) ? 'closure.duration' : 'closure.status';
  }
  // "bisa dikirim pdf aja gak?" after the pickup answer: how a finished permit reaches the person.
  // (help by telephone asked is the contacts' answer: "kakek gak bisa internet, bisa dibantu lewat telpon?")
  if (topic?.intent === 'permit.pickup' && words <= MAX_WORDS && SENT_INSTEAD.test(c.normalised) && !TICKET_WORDS.test(c.normalised) && c.intent !== 'contact.info') return 'permit.pickup';
  // "and Monday to Thursday?" after the hours: the hours of those days, however confidently it reads as a closure.
  if (topic?.intent === 'office.hours' && words <= MAX_WORDS && DAY.test(c.normalised)) return 'office.hours';
  // "kok sedikit banget kenapa?" after who is at the office: why, whatever the answer's own words made of it.
  if (topic && CLOSURE.has(topic.intent) && c.intent === topic.intent && words <= 5 && WHY.test(c.normalised)) return 'closure.reason';
  // A question word alone ("how?", "caranya?", "why?") only makes sense after the last answer: it continues it.
  const bare = BARE_QUESTION.test(c.normalised) && topic !== undefined && CONTINUABLE.has(topic.intent as IntentName);
  if (!OVERRIDABLE.has(c.intent) && !bare) return undefined;
  // A ticket question names its ticket or complaint; without one it is a misread of a follow-up.
  if (c.intent === 'complaint.status' && TICKET_WORDS.test(c.normalised)) return undefined;
  // "terus kalo sudah diisi dikirim kmn?" asks where documents go, whatever came before.
  if (c.intent === 'None' && (WHERE_SEND.test(c.normalised) || WHERE_SEND.test(text.toLowerCase()))) return 'service.online';
  if (!topic) return undefined;
  // A greeting is overridden only by a permit it names ("kalo yg izin praktek bidan?" read as "halo").
  if (c.intent === 'greeting' && c.entities.forms.length === 0) return undefined;
  const last = topic.intent as IntentName;
  if (!CONTINUABLE.has(last)) return undefined;
  const n = c.normalised;
  // "klo gitu sy tunggu aja ya, atau ada cara lain?" after a closure answer: what can be done instead of coming in.
  if (CLOSURE.has(last) && words <= MAX_WORDS + 4 && !TICKET_WORDS.test(n) && ANOTHER_WAY.test(n)) return 'service.online';
  // "kira2 kpn dijawab?" after a question was taken for staff: when staff answer, not when the office reopens.
  if (last === 'consultation' && ANSWERED_WHEN.test(n)) return 'consultation';
  // "trus gmn dong sy butuh buat tender minggu dpn" after the pickup answer: carrying on from it, whatever it tells.
  if (words <= MAX_WORDS + 4 && CARRY_ON.test(c.normalised) && (c.intent === 'help' || c.intent === 'None' || c.intent === 'ack') && !TICKET_WORDS.test(c.normalised)) return last;
  if (words === 0 || words > MAX_WORDS) return undefined;
  const raw = text.toLowerCase();
  const elliptic = ELLIPTIC.test(n) || ELLIPTIC.test(raw);
  const question = /\?\s*$/.test(text) || HOW.test(n) || UNTIL.test(n) || WHY.test(n);
  // A question of a few words asking how long, why or how ("lama ga ya", "knp?") leans on the last answer too;
  // so does carrying on ("trs gmn dong").
  const leans = elliptic || bare || (words <= 4 && (UNTIL.test(n) || UNTIL.test(raw) || WHY.test(n) || WHY.test(raw) || CARRY_ON.test(n)));
  // A message naming another business's word ("btw tau cara daftar ojol gak", "siapa presiden amerika skrg?") stands
  // on its own, unless it plainly leans on the last answer or names the office's own permits or services.
  if (c.intent === 'None' && c.otherBusiness && !leans && c.entities.forms.length === 0 && c.entities.services.length === 0) return undefined;
  // A question for staff stands unless it plainly leans on the last answer ("kalo izin apotek?").
  if (c.intent === 'consultation' && !leans) return undefined;
  // A state-changing misread is overridden only when the message plainly leans on the last answer.
  if (c.intent !== 'None' && c.intent !== 'help' && !leans && c.entities.forms.length === 0) return undefined;
  // "kalo konsultasi tatap muka?" after any answer: that service at the counter, a closure question.
  if (elliptic && c.entities.forms.length === 0 && c.entities.services.length > 0 && AT_THE_COUNTER.test(n)) return UNTIL.test(n) ? 'closure.duration' : 'closure.status';
  // "kalo konsultasi?", "kalau ngajuin izin di loket?" after a closure answer: that service's own closure state.
  if (CLOSURE_OF_SERVICE.has(last) && elliptic && c.entities.forms.length === 0 && c.entities.services.length > 0) {
    return UNTIL.test(n) ? 'closure.duration' : 'closure.status';
  }
  // "kalo mau ketemu salah satunya bisa?" after who is at the office: meeting in person is a closure question.
  if (CLOSURE.has(last) && MEET.test(n)) return 'closure.status';
  if (c.entities.forms.length > 0) return 'form.request';
  // "kalo izin bengkel motor?": a permit the catalogue does not list still has its form on the forms page.
  if (elliptic && NAMES_A_PERMIT.test(n) && !CLOSURE_OF_SERVICE.has(last)) return 'form.request';
  // "sejak kapan?", "since when?" after a closure answer: since when it is closed.
  if (CLOSURE.has(last) && SINCE.test(n)) return 'closure.status';
  // "trs sy hrs nunggu smp buka?": until when.
  if (WAIT_UNTIL_OPEN.test(n)) return 'closure.duration';
  if (WHERE_SEND.test(n) || WHERE_SEND.test(raw)) return 'service.online';
  // "jd bs ngurus dr rumah aja?" after a closure answer: what can be done without coming in.
  if (CLOSURE.has(last) && (FROM_HOME.test(n) || FROM_HOME.test(raw))) return 'service.online';
  if (WHY.test(n) || WHY.test(raw)) return CLOSURE.has(last) ? 'closure.reason' : undefined;
  if (UNTIL.test(n) || UNTIL.test(raw)) {
    if (last === 'permit.pickup') return 'permit.pickup';
    // "lama ga nunggunya" after the site-visit answer: how long until the visit (its answer says it is scheduled).
    if (last === 'field_verification') return 'field_verification';
    // How long a permit takes is a question for staff; "how long?" alone asks about the closure.
    if (PROCESSING.test(n) || PROCESSING.test(raw)) return 'consultation';
    return 'closure.duration';
  }
  if (CLOSED.test(n)) return 'closure.status';
  if (HOW.test(n) || HOW.test(raw)) {
    // "trus gmn ngurus izin?" after any closure answer (who is in, the hours): how to do it without coming in.
    if (CLOSURE.has(last) && last !== 'service.online') return 'service.online';
    return last;
  }
  // "jd lewat mana", "daftarnya dmn", "trs dpt apa": a question word alone in a message nothing else understood.
  if (c.intent === 'None' && ASKS.test(n) && n.split(' ').every((w) => GENERIC.has(w))) return CLOSURE.has(last) && last !== 'service.online' && VIA.test(n) ? 'service.online' : last;
  // (a question the classifier found outside the office's words altogether, "siapa presiden amerika skrg?", stands)
  return elliptic || bare || question ? last : undefined;
}
