/**
 * Puppeteer (a dependency of whatsapp-web.js) must never download its own browser:
 * the bot drives Debian's `chromium` package (CHROMIUM_PATH, default /usr/bin/chromium).
 */
module.exports = { skipDownload: true };
