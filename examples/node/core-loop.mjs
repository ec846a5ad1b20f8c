// The rest of the core loop from outside .NET, with only protos/: against `./pesanai up` (server + Cloud API emulator).
// 1. A customer who hides their phone number (a username customer, known only by a business-scoped user id) writes;
//    the partner answers in their conversation and PesanAI sends to the user id (Meta's `recipient`, no `to`).
// 2. The shop makes a template at "Meta" (the emulator's Business Manager), not through PesanAI: an image header and a
//    URL button. SyncTemplates imports it; the partner uploads the image and sends the template to another customer.
// 3. The partner reads the number's quality rating, throughput level and messaging limit tier.
// Usage: node core-loop.mjs   (env: PESANAI_GRPC, PESANAI_HTTP, PESANAI_EMULATOR_URL, PESANAI_OPERATOR_CLIENT_ID/SECRET)
import { randomBytes } from "node:crypto";
import { caller, emulatorCall, emulatorPost, load, newWaId, setUpShop, sleep } from "./partner.mjs";

const messaging = load("pesanai/messaging/v1/messaging_service.proto").pesanai.messaging.v1;
const templates = load("pesanai/messaging/v1/template_service.proto").pesanai.messaging.v1;
const conversations = load("pesanai/conversations/v1/conversation_service.proto").pesanai.conversations.v1;
const media = load("pesanai/media/v1/media_service.proto").pesanai.media.v1;
const tenants = load("pesanai/tenants/v1/tenant_service.proto").pesanai.tenants.v1;

const { tenant, number, partnerToken } = await setUpShop(
  "Toko Username Sari", ["messages.send", "conversations.read", "tenant.read", "tenant.manage"]);
const send = caller(messaging.MessagingService, partnerToken);
const tmpl = caller(templates.TemplateService, partnerToken);
const conv = caller(conversations.ConversationService, partnerToken);
const files = caller(media.MediaService, partnerToken);
const admin = caller(tenants.TenantService, partnerToken);
const sentAtMeta = async (filter) =>
  (await (await emulatorCall(`/_emulator/messages?phone_number_id=${number.phone_number_id}`)).json()).filter(filter);
async function until(read, done, what) {
  for (let i = 0; i < 150; i++) {
    const value = await read();
    if (done(value)) return value;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}`);
}

// 1. A username customer writes (no phone number in the webhook) and the partner replies in their conversation.
const userId = `ID.${randomBytes(8).toString("hex")}`;
await emulatorPost("/_emulator/simulate", {
  phone_number_id: number.phone_number_id, user_id: userId, profile_name: "sari.k", type: "text", text: { body: "Kak, ukuran M ada?" },
});
const conversation = await until(
  async () => (await conv.call("ListConversations", {})).conversations[0], (c) => c !== undefined, "the username customer's conversation");
console.log(`1. ${conversation.customer.user_id} wrote (wa_id: ${conversation.customer.wa_id || "none"})`);
const reply = await send.call("SendMessage", { conversation_id: conversation.id, text: { body: "Ada kak, ukuran M ready." } });
const toUser = await until(() => sentAtMeta((m) => m.request?.recipient === userId), (found) => found.length > 0, "the reply at Meta");
console.log(`   reply ${reply.message.message_id}: Meta received it for recipient ${toUser[0].request.recipient} (to: ${toUser[0].request.to ?? "absent"})`);

// 2. A template made at Meta, synced, and sent with an uploaded image header and a URL button.
await emulatorPost("/_emulator/templates", {
  waba_id: number.waba_id, name: "pesanan_siap", language: "id", category: "UTILITY", status: "APPROVED",
  components: [
    { type: "HEADER", format: "IMAGE" },
    { type: "BODY", text: "Pesanan {{1}} siap dikirim, kak {{2}}." },
    { type: "BUTTONS", buttons: [{ type: "URL", text: "Lacak", url: "https://toko.example/lacak/{{1}}" }] },
  ],
});
const synced = await tmpl.call("SyncTemplates", { phone_number_id: number.phone_number_id });
const imported = synced.templates.find((t) => t.name === "pesanan_siap");
console.log(`2. synced: ${synced.imported} imported; pesanan_siap is ${imported.status}, header ${imported.header_format}, ` +
  `buttons take ${imported.components.flatMap((c) => c.buttons).map((b) => b.parameter_kind).join(", ")}`);
const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(60_000)]);
const image = await new Promise((resolve, reject) => {
  const call = files.client.UploadMedia(files.metadata(), (error, info) => (error ? reject(error) : resolve(info)));
  call.write({ metadata: { type: "MEDIA_TYPE_IMAGE", mime_type: "image/jpeg", filename: "paket.jpg", size: jpeg.length } });
  call.write({ chunk: jpeg });
  call.end();
});
const customer = newWaId();
const queued = await send.call("SendMessage", {
  phone_number_id: number.phone_number_id, to: customer,
  template: {
    name: "pesanan_siap", language: "id",
    header: { image: { pesanai_media_id: image.media_id } },
    body_parameters: ["INV-042", "Budi"],
    buttons: [{ index: 0, url_suffix: "INV-042" }],
  },
});
const accepted = await until(() => send.call("GetMessage", { message_id: queued.message.message_id }),
  (m) => m.send_state === "SEND_STATE_ACCEPTED" || m.send_state === "SEND_STATE_FAILED", "the template's send");
const [atMeta] = await sentAtMeta((m) => m.request?.to === customer);
const parts = atMeta.request.template.components;
const header = parts.find((c) => c.type === "header").parameters[0];
const button = parts.find((c) => c.type === "button");
console.log(`   ${accepted.send_state}: Meta received header ${header.type} ${header.image.id} and ${button.sub_type} button ${button.index} "${button.parameters[0].text}"`);
if (accepted.send_state !== "SEND_STATE_ACCEPTED") process.exitCode = 1;

// 3. The number's health as Meta reports it (asked now, and kept current by Meta's webhooks).
const refreshed = await admin.call("RefreshPhoneNumberHealth", { tenant_id: tenant.id, phone_number_id: number.phone_number_id });
const health = refreshed.phone_numbers.find((p) => p.phone_number_id === number.phone_number_id).health;
console.log(`3. quality ${health.quality_rating || "?"}, throughput ${health.throughput_level || "?"} (${health.throughput_per_second}/s), ` +
  `messaging limit ${health.messaging_limit_tier || "?"}${health.status ? `, status ${health.status}` : ""}`);

for (const c of [send, tmpl, conv, files, admin]) c.client.close();
