/** Forwarded text: a message that pastes an announcement instead of asking in the person's own words. */

/**
 * A forwarded or pasted announcement (raw text: "[Diteruskan] PENGUMUMAN: …", "Fwd: …", "*Pesan diteruskan*", a quoted "Sehubungan
 * dengan …"): the person asks whether it is true, not each thing it says.
 */
export const FORWARDED = /^\s*(?:\[?(?:diteruskan|forwarded|fwd|fw|terusan)\]?\s*:?|[*_]*(?:pesan )?(?:diteruskan|forwarded)(?: message)?[*_]*\s*(?:\n|:)|[*_]*pengumuman[*_]*\s*(?:[:\-–]|\n|[*_]|diteruskan)|["“]\s*(?:sehubungan|pengumuman|berdasarkan|menindaklanjuti))/i;
