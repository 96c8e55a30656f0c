// Preloaded (`node --import`) into a start-up run: reports the process's peak resident memory at exit.
process.on('exit', () => process.stderr.write(`\nLAYANAN_MAX_RSS_KB ${process.resourceUsage().maxRSS}\n`));
