// A first call to PesanAI from outside .NET: an operator token from /connect/token, then
// CreateTenant and GetTenant over gRPC (h2c), with the service loaded from protos/ only.
// Usage: node first-call.mjs   (env: PESANAI_GRPC, PESANAI_HTTP, PESANAI_OPERATOR_CLIENT_ID, PESANAI_OPERATOR_CLIENT_SECRET)
import grpc from "@grpc/grpc-js";
import protoLoader from "@grpc/proto-loader";
import { fileURLToPath } from "node:url";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));
const protos = path.resolve(here, "../../protos");
const grpcAddress = process.env.PESANAI_GRPC ?? "127.0.0.1:5200";
const httpBase = process.env.PESANAI_HTTP ?? "http://127.0.0.1:5201";

const tokenResponse = await fetch(`${httpBase}/connect/token`, {
  method: "POST",
  headers: { "content-type": "application/x-www-form-urlencoded" },
  body: new URLSearchParams({
    grant_type: "client_credentials",
    client_id: process.env.PESANAI_OPERATOR_CLIENT_ID ?? "pesanai-operator",
    client_secret: process.env.PESANAI_OPERATOR_CLIENT_SECRET ?? "pesanai-dev-operator-secret",
    scope: "platform",
  }),
});
if (!tokenResponse.ok) throw new Error(`token endpoint: ${tokenResponse.status} ${await tokenResponse.text()}`);
const { access_token: token } = await tokenResponse.json();

const definition = protoLoader.loadSync("pesanai/tenants/v1/tenant_service.proto", {
  includeDirs: [protos],
  keepCase: true,
  longs: String,
  enums: String,
  defaults: true,
});
const { TenantService } = grpc.loadPackageDefinition(definition).pesanai.tenants.v1;
const client = new TenantService(grpcAddress, grpc.credentials.createInsecure());
const call = (method, request, withToken = true) =>
  new Promise((resolve, reject) => {
    const metadata = new grpc.Metadata();
    if (withToken) metadata.set("authorization", `Bearer ${token}`);
    client[method](request, metadata, { deadline: Date.now() + 10_000 }, (error, reply) =>
      error ? reject(error) : resolve(reply));
  });

try {
  await call("CreateTenant", { display_name: "Toko Tanpa Token" }, false);
  throw new Error("a call without a token was accepted");
} catch (error) {
  console.log(`without a token: ${grpc.status[error.code]}`);
}

const created = await call("CreateTenant", { display_name: "Toko Kopi Senja" });
console.log(`created tenant ${created.id} (version ${created.version})`);
const read = await call("GetTenant", { id: created.id });
console.log(`read back: ${read.display_name}, ${read.time_zone}, ${read.state}`);
client.close();
