extern alias client;

using client::PesanAI.Client;
using client::PesanAI.Protos.Knowledge.V1;
using PesanAI.FunctionalTests.Team;
using TenantsApi = client::PesanAI.Protos.Tenants.V1;

namespace PesanAI.FunctionalTests.Knowledge;

/// <summary>A tenant with an admin (knowledge.manage) and an agent (reads only), as the knowledge tests use them.</summary>
internal sealed record KnowledgeTenant(string TenantId, Caller Admin, Caller Agent)
{
    public KnowledgeService.KnowledgeServiceClient Knowledge => new(Admin.Channel);

    public KnowledgeService.KnowledgeServiceClient AgentKnowledge => new(Agent.Channel);
}

internal sealed class KnowledgeBed(PesanAiApp app)
{
    public TeamBuilder Team { get; } = new(app);

    public async Task<KnowledgeTenant> TenantAsync(string name = "Toko Batik Sekar")
    {
        var tenant = await Team.Tenant(name);
        return new KnowledgeTenant(
            tenant.Id,
            await Team.MemberCaller(tenant.Id, TenantsApi.MemberRole.Admin),
            await Team.MemberCaller(tenant.Id, TenantsApi.MemberRole.Agent));
    }

    /// <summary>The same caller's KnowledgeService on another node (its tokens still come from the first).</summary>
    public KnowledgeService.KnowledgeServiceClient KnowledgeOn(Uri grpcAddress, Caller caller) => new(PesanAiChannel.Create(
        new PesanAiClientOptions
        {
            GrpcAddress = grpcAddress,
            TokenEndpointBase = app.HttpAddress,
            ClientId = caller.ClientId,
            ClientSecret = caller.Secret,
        },
        new HttpClient()));

    public static UpsertEntryRequest Entry(string question, string answer, params string[] tags) => new()
    {
        Question = question,
        Answer = answer,
        Tags = { tags },
        Language = "id",
    };

    /// <summary>A small shop's knowledge base.</summary>
    public static ImportEntriesRequest ShopImport() => new()
    {
        Entries =
        {
            Import("Berapa ongkos kirimnya?", "Ongkir dihitung saat checkout; gratis ongkir untuk belanja minimal Rp200.000.", "ongkir", "shipping cost"),
            Import("Jam buka toko kapan saja?", "Senin–Sabtu 09.00–21.00 WIB, Minggu 10.00–18.00 WIB.", "jam buka", "opening hours"),
            Import("Apakah bisa bayar di tempat (COD)?", "Bisa, COD untuk J&T dan SiCepat sampai Rp1.000.000.", "cod", "bayar di tempat"),
            Import("Bagaimana cara retur atau tukar barang?", "Retur atau tukar dalam 7 hari, label masih terpasang.", "retur", "tukar", "return"),
            Import("Di mana alamat toko offline?", "Jl. Malioboro No. 123, Yogyakarta.", "alamat", "lokasi", "address"),
        },
    };

    public static ImportEntry Import(string question, string answer, params string[] tags) => new()
    {
        Question = question,
        Answer = answer,
        Tags = { tags },
    };
}
