// qrcode's encoder alone (qr.ts): the same `create` as the package's entry point, typed by @types/qrcode.
declare module 'qrcode/lib/core/qrcode.js' {
	import type { create } from 'qrcode';
	const core: { create: typeof create };
	export default core;
}
