// What send.mjs and media.mjs share: the repository's protos, a token from /connect/token, authenticated calls, the
// Cloud API emulator's admin API, and the operator's set-up of a shop (tenant, number at the emulator, partner credential).
// Environment: PESANAI_GRPC, PESANAI_HTTP, PESANAI_EMULATOR_URL, PESANAI_OPERATOR_CLIENT_ID/SECRET.
import grpc from "@grpc/grpc-js";
import protoLoader from "@grpc/proto-loader";
import { fileURLToPath } from "node:url";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));
const protos = path.resolve(here, "../../protos");
const grpcAddress = process.env.PESANAI_GRPC ?? "127.0.0.1:5200";
const httpBase = process.env.PESANAI_HTTP ?? "http://127.0.0.1:5201";
export const emulator = process.env.PESANAI_EMULATOR_URL ?? "http://127.0.0.1:5300";

export const load = (file) => grpc.loadPackageDefinition(protoLoader.loadSync(file, {
  includeDirs: [protos], keepCase: true, longs: String, enums: String, defaults: true, oneofs: true,
}));

export async function token(clientId, clientSecret, scope) {
  const response = await fetch(`${httpBase}/connect/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret, scope }),
  });
  if (!response.ok) throw new Error(`token endpoint: ${response.status} ${await response.text()}`);
  return (await response.json()).access_token;
}

// A service client whose calls carry the token; call(method, request) for unary methods.
export function caller(Service, accessToken) {
  const client = new Service(grpcAddress, grpc.credentials.createInsecure());
  const metadata = () => { const m = new grpc.Metadata(); m.set("authorization", `Bearer ${accessToken}`); return m; };
  const call = (method, request) => new Promise((resolve, reject) =>
    client[method](request, metadata(), { deadline: Date.now() + 30_000 }, (error, reply) => (error ? reject(error) : resolve(reply))));
  return { client, call, metadata };
}

export async function emulatorCall(route, init) {
  const response = await fetch(`${emulator}${route}`, init);
  if (!response.ok) throw new Error(`emulator ${route}: ${response.status} ${await response.text()}`);
  return response;
}

export const emulatorPost = async (route, body) =>
  (await emulatorCall(route, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) })).json();

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
export const newWaId = () => `628${Math.floor(100_000_000 + Math.random() * 899_999_999)}`;

// The operator creates a tenant, a number at the emulator (registered with PesanAI) and a partner credential.
export async function setUpShop(displayName, scopes) {
  const tenants = load("pesanai/tenants/v1/tenant_service.proto").pesanai.tenants.v1;
  const operator = caller(tenants.TenantService, await token(
    process.env.PESANAI_OPERATOR_CLIENT_ID ?? "pesanai-operator",
    process.env.PESANAI_OPERATOR_CLIENT_SECRET ?? "pesanai-dev-operator-secret",
    "platform"));
  const tenant = await operator.call("CreateTenant", { display_name: displayName });
  const number = await emulatorPost("/_emulator/numbers", {});
  await operator.call("RegisterPhoneNumber", {
    tenant_id: tenant.id,
    phone_number_id: number.phone_number_id,
    display_phone_number: `+${number.display_phone_number.replace(/\D/g, "")}`,
    waba_id: number.waba_id,
    access_token: number.access_token,
    app_secret: number.app_secret ?? "emulator-dev-app-secret",
    verify_token: "verify-me",
    label: "Sales",
  });
  const credential = await operator.call("CreateCredential", {
    tenant_id: tenant.id, kind: "CREDENTIAL_KIND_APPLICATION", display_name: "partner backend", scopes,
  });
  operator.client.close();
  return { tenant, number, credential, partnerToken: await token(credential.credential.client_id, credential.client_secret, scopes.join(" ")) };
}
