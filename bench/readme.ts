// `node --import tsx bench/readme.ts`: the README's performance section again from bench/results.json, without measuring.
import { readFileSync } from 'node:fs';
import { writeReadme, type Results } from './report.ts';

writeReadme(JSON.parse(readFileSync('bench/results.json', 'utf8')) as Results);
