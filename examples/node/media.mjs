// Media both ways from outside .NET, with only protos/: against `./pesanai up` (server + Cloud API emulator).
// A customer sends a photo and a voice note; PesanAI fetches them from "Meta" (the emulator) after the messages are
// stored; Meta then forgets the ids (deleted at the emulator) and the partner still reads both back byte-identical
// through MediaService.GetMedia. The partner uploads a PDF (UploadMedia, client-streaming), sends it to the customer
// inside the window by its PesanAI media id, and the emulator receives the same bytes.
// Usage: node media.mjs   (env: PESANAI_GRPC, PESANAI_HTTP, PESANAI_EMULATOR_URL, PESANAI_OPERATOR_CLIENT_ID/SECRET)
import grpc from "@grpc/grpc-js";
import { createHash, randomBytes } from "node:crypto";
import { caller, emulatorCall, emulatorPost, load, newWaId, setUpShop, sleep } from "./partner.mjs";

const messaging = load("pesanai/messaging/v1/messaging_service.proto").pesanai.messaging.v1;
const conversations = load("pesanai/conversations/v1/conversation_service.proto").pesanai.conversations.v1;
const media = load("pesanai/media/v1/media_service.proto").pesanai.media.v1;
const sha256 = (bytes) => createHash("sha256").update(bytes).digest("hex");

// GetMedia: the description first, then the bytes; waits while PesanAI is still fetching the file.
async function download(client, metadata, mediaId) {
  for (let i = 0; i < 200; i++) {
    try {
      return await new Promise((resolve, reject) => {
        const chunks = [];
        let info;
        const call = client.GetMedia({ media_id: mediaId }, metadata());
        call.on("data", (part) => { if (part.info) info = part.info; else chunks.push(part.chunk); });
        call.on("error", reject);
        call.on("end", () => resolve({ info, bytes: Buffer.concat(chunks) }));
      });
    } catch (error) {
      const pending = error.code === grpc.status.FAILED_PRECONDITION && /pending|still being fetched/i.test(error.details);
      if (!pending && error.code !== grpc.status.NOT_FOUND) throw error;
      await sleep(100);
    }
  }
  throw new Error(`media ${mediaId} was never fetched`);
}

// --- the operator: tenant, number at the emulator, partner credential
const { number, partnerToken } = await setUpShop("Toko Foto Sari", ["messages.send", "conversations.read"]);
const files = caller(media.MediaService, partnerToken);
const send = caller(messaging.MessagingService, partnerToken);
const conv = caller(conversations.ConversationService, partnerToken);

// 1. The customer sends a photo (a transfer receipt) and a voice note, with real bytes.
const customer = newWaId();
const sent = [];
for (const [type, mime, bytes, extra] of [
  ["image", "image/jpeg", randomBytes(180_000), { caption: "bukti transfer" }],
  ["audio", "audio/ogg", randomBytes(24_000), { voice: true }],
]) {
  const uploaded = await (await emulatorCall(`/_emulator/media?phone_number_id=${number.phone_number_id}`, {
    method: "POST", headers: { "content-type": mime }, body: bytes,
  })).json();
  const { wamid } = await emulatorPost("/_emulator/simulate", {
    phone_number_id: number.phone_number_id, from: customer, type, [type]: { id: uploaded.id, ...extra },
  });
  sent.push({ type, wamid, metaId: uploaded.id, sha: sha256(bytes) });
}
console.log(`1. the customer sent ${sent.map((s) => s.type).join(" and ")}`);

// 2. PesanAI fetched them; Meta then forgets the ids; GetMedia still gives the same bytes.
let messages = [];
for (let i = 0; i < 100 && messages.length < 2; i++) {
  const list = await conv.call("ListConversations", {});
  if (list.conversations.length) messages = (await conv.call("ListMessages", { conversation_id: list.conversations[0].id })).messages;
  if (messages.length < 2) await sleep(100);
}
for (const s of sent) {
  const message = messages.find((m) => m.wamid === s.wamid);
  const first = await download(files.client, files.metadata, message.media.pesanai_media_id);
  await emulatorCall(`/v21.0/${s.metaId}?phone_number_id=${number.phone_number_id}`, {
    method: "DELETE", headers: { authorization: `Bearer ${number.access_token}` },
  });
  const again = await download(files.client, files.metadata, message.media.pesanai_media_id);
  const same = sha256(again.bytes) === s.sha && sha256(first.bytes) === s.sha && again.info.sha256 === s.sha;
  console.log(`2. ${s.type}: ${again.info.mime_type}, ${again.bytes.length} bytes, ${same ? "byte-identical" : "DIFFERENT"} after Meta forgot it`);
  if (!same) process.exitCode = 1;
}

// 3. The partner uploads a PDF in chunks and sends it to the customer inside the window.
const pdf = Buffer.concat([Buffer.from("%PDF-1.4\n"), randomBytes(400_000)]);
const uploaded = await new Promise((resolve, reject) => {
  const call = files.client.UploadMedia(files.metadata(), (error, info) => (error ? reject(error) : resolve(info)));
  call.write({ metadata: { type: "MEDIA_TYPE_DOCUMENT", mime_type: "application/pdf", filename: "invoice-042.pdf", size: pdf.length } });
  for (let offset = 0; offset < pdf.length; offset += 64 * 1024) call.write({ chunk: pdf.subarray(offset, offset + 64 * 1024) });
  call.end();
});
console.log(`3. uploaded ${uploaded.filename}: ${uploaded.size} bytes, media ${uploaded.media_id}`);
const queued = await send.call("SendMessage", {
  phone_number_id: number.phone_number_id, to: customer,
  media: { type: "MEDIA_TYPE_DOCUMENT", pesanai_media_id: uploaded.media_id, caption: "Invoice kakak", filename: "invoice-042.pdf" },
});
let message;
for (let i = 0; i < 100; i++) {
  message = await send.call("GetMessage", { message_id: queued.message.message_id });
  if (message.send_state === "SEND_STATE_ACCEPTED" || message.send_state === "SEND_STATE_FAILED") break;
  await sleep(100);
}
const atMeta = (await (await emulatorCall(`/_emulator/messages?phone_number_id=${number.phone_number_id}&to=${customer}`)).json())
  .find((m) => m.type === "document");
const received = Buffer.from(await (await emulatorCall(`/_emulator/media/${atMeta.request.document.id}`)).arrayBuffer());
const pdfSame = sha256(received) === sha256(pdf);
console.log(`   ${message.send_state}; the emulator received ${received.length} bytes, ${pdfSame ? "byte-identical" : "DIFFERENT"}`);
if (!pdfSame) process.exitCode = 1;
for (const c of [files, send, conv]) c.client.close();
