/**
 * The personal programme's enhancement, inlined in the public programme pages (a few hundred
 * bytes; the pages stay one request). Without it, the choices live in the page's URL (`?s=…`);
 * with it, they are also remembered in this browser (localStorage), per event, and come back
 * on the next visit.
 */
const BODIES = {
	programme: `var f=document.getElementById('programme-form');if(!f)return;
var boxes=function(){return Array.prototype.slice.call(f.querySelectorAll('input[name=s]'))};
var u=new URL(location.href),saved=[];try{saved=JSON.parse(localStorage.getItem(K)||'[]')}catch(e){}
if(!u.searchParams.getAll('s').length&&saved.length){var seen={};boxes().forEach(function(b){if(b.type==='checkbox'){b.checked=saved.indexOf(b.value)>=0;seen[b.value]=1}});
saved.forEach(function(id){if(!seen[id]){var h=document.createElement('input');h.type='hidden';h.name='s';h.value=id;f.appendChild(h)}})}
var save=function(){var ids=boxes().filter(function(b){return b.type==='hidden'||b.checked}).map(function(b){return b.value});try{localStorage.setItem(K,JSON.stringify(ids))}catch(e){}
var c=document.getElementById('choix-nombre');if(c)c.textContent=String(ids.length)};
f.addEventListener('change',function(e){if(e.target&&e.target.name==='s')save()});save();`,
	personal: `var u=new URL(location.href),ids=u.searchParams.getAll('s');
if(ids.length){try{localStorage.setItem(K,JSON.stringify(ids))}catch(e){}}
else{var saved=[];try{saved=JSON.parse(localStorage.getItem(K)||'[]')}catch(e){}if(saved.length){saved.forEach(function(id){u.searchParams.append('s',id)});location.replace(u.toString());return}}
var p=document.getElementById('imprimer');if(p){p.hidden=false;p.addEventListener('click',function(){window.print()})}`
} as const;

/**
 * The script's text, the same for every event (the event's slug travels in the tag's `data-slug`),
 * so that the Content-Security-Policy can allow exactly it by hash (vite.config.ts) and no other
 * inline script. Run from <head>: it waits for the page's form before touching it.
 */
export const SELECTION_SCRIPTS: Record<'programme' | 'personal', string> = {
	programme: wrap(BODIES.programme),
	personal: wrap(BODIES.personal)
};

function wrap(body: string): string {
	const run = `function(){var K='maillage:programme:'+S;${body.replace(/\n/g, '')}}`;
	return `(function(S){var r=${run};if(document.readyState==='loading')document.addEventListener('DOMContentLoaded',r);else r()})(document.currentScript.dataset.slug);`;
}

/** The `<script>` element for a page; `slug` is an event's (lowercase letters, digits, hyphens). */
export function selectionScript(slug: string, page: 'programme' | 'personal'): string {
	const safeSlug = slug.replace(/[^a-z0-9-]/g, '');
	return `<script data-slug="${safeSlug}">${SELECTION_SCRIPTS[page]}</script>`;
}
