// The outbound loop from outside .NET, with only protos/: against `./pesanai up` (server + Cloud API emulator).
// The operator sets up a tenant, a number (created at the emulator, registered with PesanAI) and a partner
// credential; the partner then sends a text inside the 24-hour window, a template outside it, is refused a
// marketing template without consent, and watches the statuses arrive.
// Usage: node send.mjs   (env: PESANAI_GRPC, PESANAI_HTTP, PESANAI_EMULATOR_URL, PESANAI_OPERATOR_CLIENT_ID/SECRET)
import grpc from "@grpc/grpc-js";
import { caller, emulatorPost, load, newWaId, setUpShop, sleep } from "./partner.mjs";

const messaging = load("pesanai/messaging/v1/messaging_service.proto").pesanai.messaging.v1;
const templates = load("pesanai/messaging/v1/template_service.proto").pesanai.messaging.v1;
const conversations = load("pesanai/conversations/v1/conversation_service.proto").pesanai.conversations.v1;

// --- the operator: tenant, number, partner credential
const { tenant, number, credential, partnerToken } = await setUpShop("Toko Batik Sari", ["messages.send", "conversations.read", "consent.manage"]);
const send = caller(messaging.MessagingService, partnerToken);
const tpl = caller(templates.TemplateService, partnerToken);
const conv = caller(conversations.ConversationService, partnerToken);
console.log(`tenant ${tenant.id}, number ${number.phone_number_id}, partner ${credential.credential.client_id}`);

// --- watch the tenant's conversation events from the start
const seen = [];
const watch = conv.client.WatchConversations({ after_position: 0 }, conv.metadata());
watch.on("data", (event) => {
  if (/status|accepted|queued|failed/.test(event.type)) {
    const data = JSON.parse(event.data);
    seen.push(event.type);
    console.log(`  watch: ${event.type}${data.status ? ` ${data.status}` : ""}${data.wamid ? ` ${data.wamid.slice(0, 18)}…` : ""}`);
  }
});
watch.on("error", (error) => { if (error.code !== grpc.status.CANCELLED) console.error(`watch: ${error.message}`); });

// 1. Inside the window: the customer writes first (through the emulator), then a text goes out.
const customer = newWaId();
await emulatorPost("/_emulator/simulate", { phone_number_id: number.phone_number_id, from: customer, type: "text", text: { body: "Kak, batik tulis ukuran L ada?" } });
// PesanAI acknowledges the webhook first and stores the message just after: wait until it is there (the window is open).
for (let i = 0; i < 100 && (await conv.call("ListConversations", {})).conversations.length === 0; i++) await sleep(100);
const text = await send.call("SendMessage", { phone_number_id: number.phone_number_id, to: customer, text: { body: "Ada, kak! Mau warna apa?" }, request_id: `text-${customer}` });
console.log(`1. text inside the window: ${text.message.send_state} (message ${text.message.message_id})`);

// 2. Outside the window: a free-form text is refused, an approved utility template goes out.
const stranger = newWaId();
try {
  await send.call("SendMessage", { phone_number_id: number.phone_number_id, to: stranger, text: { body: "Halo!" } });
} catch (error) {
  console.log(`2. text to a customer who never wrote: ${grpc.status[error.code]} (${error.details})`);
}
const approve = async (name, category, body) => {
  await tpl.call("RegisterTemplate", { phone_number_id: number.phone_number_id, name, language: "id", category, components: [{ type: "BODY", text: body }] });
  for (let i = 0; i < 100; i++) {
    const listed = (await tpl.call("ListTemplates", { phone_number_id: number.phone_number_id })).templates.find((t) => t.name === name);
    if (listed?.status === "TEMPLATE_STATUS_APPROVED") return listed;
    await sleep(100);
  }
  throw new Error(`template ${name} was not approved`);
};
await approve("order_shipped", "TEMPLATE_CATEGORY_UTILITY", "Pesanan {{1}} sudah dikirim.");
const template = await send.call("SendMessage", { phone_number_id: number.phone_number_id, to: stranger, template: { name: "order_shipped", language: "id", body_parameters: ["INV-042"] } });
console.log(`   template outside the window: ${template.message.send_state}`);

// 3. A marketing template without the customer's opt-in is refused.
await approve("promo_1111", "TEMPLATE_CATEGORY_MARKETING", "Diskon {{1}} hari ini!");
try {
  await send.call("SendMessage", { phone_number_id: number.phone_number_id, to: stranger, template: { name: "promo_1111", language: "id", body_parameters: ["50%"] } });
  throw new Error("a marketing template without consent was accepted");
} catch (error) {
  if (error.code !== grpc.status.FAILED_PRECONDITION) throw error;
  console.log(`3. marketing without consent: ${grpc.status[error.code]} (${error.details})`);
}

// 4. The statuses arrive.
for (const sent of [text.message, template.message]) {
  let message;
  for (let i = 0; i < 100; i++) {
    message = await send.call("GetMessage", { message_id: sent.message_id });
    if (message.status === "DELIVERY_STATUS_READ") break;
    await sleep(100);
  }
  console.log(`4. ${sent.message_id}: ${message.send_state}, ${message.status}, wamid ${message.wamid.slice(0, 18)}…`);
}
await sleep(300);
watch.cancel();
console.log(`watched ${seen.length} outbound events`);
for (const c of [send, tpl, conv]) c.client.close();
