// Time text for the live expiry countdown.

/** "in 58 min 12 s", "in 1 h 4 min", "3 min 5 s ago". */
export function countdownText(targetMs: number, nowMs: number): string {
  const delta = Math.round((targetMs - nowMs) / 1000);
  const abs = Math.abs(delta);
  let text: string;
  if (abs < 60) text = `${abs} s`;
  else if (abs < 3600) text = `${Math.floor(abs / 60)} min ${abs % 60} s`;
  else if (abs < 86400) text = `${Math.floor(abs / 3600)} h ${Math.floor((abs % 3600) / 60)} min`;
  else text = `${Math.floor(abs / 86400)} d ${Math.floor((abs % 86400) / 3600)} h`;
  return delta >= 0 ? `in ${text}` : `${text} ago`;
}

export function localTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString();
}
