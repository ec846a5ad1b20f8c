extern alias client;

using System.IO.Compression;
using System.Text.Json;
using client::PesanAI.Protos.Automation.V1;
using client::PesanAI.Protos.Conversations.V1;
using client::PesanAI.Protos.Knowledge.V1;
using client::PesanAI.Protos.Privacy.V1;
using Grpc.Core;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PesanAI.Application.Inbound;
using PesanAI.Application.Privacy;
using PesanAI.FunctionalTests.Media;
using PesanAI.FunctionalTests.Messaging;
using PesanAI.FunctionalTests.Team;
using PesanAI.Infrastructure.Privacy;
using TenantsApi = client::PesanAI.Protos.Tenants.V1;

namespace PesanAI.FunctionalTests.Privacy;

/// <summary>A shop whose AI answers, with its number's app secret (to post Meta's redeliveries), an admin and an owner.</summary>
internal sealed record PrivacyShop(SendingTenant Tenant, string AppSecret, Caller Admin, Caller Owner)
{
    public PrivacyService.PrivacyServiceClient Privacy => new(Admin.Channel);
}

internal static class PrivacyBed
{
    /// <summary>One retention purge pass with its clock at <paramref name="now"/>; waits its turn if a pass of the host holds the lease.</summary>
    public static async Task<PurgeReport> PurgeAtAsync(PesanAiApp app, DateTimeOffset now)
    {
        var worker = ActivatorUtilities.CreateInstance<RetentionPurgeWorker>(app.Services, new FakeTimeProvider(now));
        var deadline = DateTimeOffset.UtcNow.AddSeconds(20);
        while (true)
        {
            if (await worker.RunOnceAsync(CancellationToken.None) is { } report)
            {
                return report;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, "the purge lease stayed taken");
            await Task.Delay(50);
        }
    }

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    public static async Task<PrivacyShop> ShopAsync(PesanAiApp app, MessagingBed bed, bool ai = true)
    {
        var tenant = await bed.TenantAsync("Toko Privasi");
        var admin = await bed.Team.MemberCaller(tenant.TenantId, TenantsApi.MemberRole.Admin);
        var owner = await bed.Team.MemberCaller(tenant.TenantId, TenantsApi.MemberRole.Owner);
        await new KnowledgeService.KnowledgeServiceClient(admin.Channel).ImportEntriesAsync(new ImportEntriesRequest
        {
            Entries =
            {
                new ImportEntry { Question = "Jam buka toko kapan?", Answer = "Toko buka Senin–Sabtu 09.00–20.00 WIB.", Language = "id" },
                new ImportEntry { Question = "Berapa ongkos kirim?", Answer = "Ongkir mulai Rp10.000 di Jawa.", Language = "id" },
                new ImportEntry { Question = "Bagaimana cara retur barang?", Answer = "Retur dalam 7 hari dengan label terpasang.", Language = "id" },
            },
        });
        var automation = new AutomationService.AutomationServiceClient(admin.Channel);
        var settings = await automation.GetAiSettingsAsync(new GetAiSettingsRequest());
        settings.Enabled = ai;
        await automation.UpdateAiSettingsAsync(new UpdateAiSettingsRequest { Settings = settings });
        return new PrivacyShop(tenant, await AppSecretAsync(app, tenant.PhoneNumberId), admin, owner);
    }

    /// <summary>The number's app secret, as the emulator holds it (the test double shows it).</summary>
    private static async Task<string> AppSecretAsync(PesanAiApp app, string phoneNumberId)
    {
        using var emulator = app.Emulator();
        using var numbers = JsonDocument.Parse(await emulator.GetStringAsync("/_emulator/numbers"));
        return numbers.RootElement.EnumerateArray()
            .Single(n => n.GetProperty("phone_number_id").GetString() == phoneNumberId)
            .GetProperty("app_secret").GetString()!;
    }

    /// <summary>The customer writes (with their profile name) through the emulator; the wamid once stored.</summary>
    public static Task<string> CustomerWritesAsync(PesanAiApp app, SendingTenant tenant, string waId, string profileName, string text) =>
        new MessagingBed(app).CustomerWritesAsync(tenant, waId, text, profileName: profileName);

    /// <summary>The customer sends a JPEG with a caption; the wamid once the message is stored.</summary>
    public static Task<string> CustomerSendsPhotoAsync(PesanAiApp app, SendingTenant tenant, string waId, string profileName, byte[] bytes, string caption) =>
        new MediaBed(app).CustomerSendsAsync(tenant, waId, "image", bytes, "image/jpeg", caption, profileName);

    /// <summary>A webhook the ingest could not take, parked for the operator (a dead letter of the inbound path).</summary>
    public static async Task ParkAsync(PesanAiApp app, string body, SendingTenant tenant)
    {
        await using var session = app.Services.GetRequiredService<IDocumentStore>().LightweightSession();
        session.Store(new ParkedWebhook(
            Guid.CreateVersion7(), Guid.CreateVersion7(), DateTimeOffset.UtcNow, [new ParkedItem(Guid.Parse(tenant.TenantId), tenant.PhoneNumberId, "message", null, "test")], body));
        await session.SaveChangesAsync();
    }

    public static async Task<Conversation> ConversationOfAsync(SendingTenant tenant, string waId) =>
        (await tenant.Conversations.ListConversationsAsync(new ListConversationsRequest())).Conversations.Single(c => c.Customer.WaId == waId);

    /// <summary>Waits for a message of the customer's conversation that matches.</summary>
    public static async Task<Message> UntilMessageAsync(SendingTenant tenant, string waId, Func<Message, bool> match)
    {
        var deadline = DateTimeOffset.UtcNow + Deadline;
        while (true)
        {
            var conversation = (await tenant.Conversations.ListConversationsAsync(new ListConversationsRequest())).Conversations.FirstOrDefault(c => c.Customer.WaId == waId);
            var messages = conversation is null ? [] : (await tenant.Conversations.ListMessagesAsync(new ListMessagesRequest { ConversationId = conversation.Id })).Messages.ToList();
            if (messages.FirstOrDefault(match) is { } found)
            {
                return found;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, "no such message in time; the conversation has " + string.Join(", ", messages.Select(m => $"{m.Direction}/{m.Origin}/{m.SendState}/{m.Status}")));
            await Task.Delay(50);
        }
    }

    /// <summary>Reads an export to the end and opens it: entry name → bytes. Checks the first message describes a ZIP.</summary>
    public static async Task<Dictionary<string, byte[]>> ExportAsync(PrivacyService.PrivacyServiceClient privacy, ExportCustomerDataRequest request)
    {
        using var call = privacy.ExportCustomerData(request);
        return await ReadArchiveAsync(call.ResponseStream);
    }

    public static async Task<Dictionary<string, byte[]>> ReadArchiveAsync(IAsyncStreamReader<ArchiveChunk> chunks)
    {
        using var bytes = new MemoryStream();
        ArchiveInfo? info = null;
        await foreach (var part in chunks.ReadAllAsync())
        {
            if (part.PartCase == ArchiveChunk.PartOneofCase.Info)
            {
                Assert.Null(info);
                Assert.Equal(0, bytes.Length);
                info = part.Info;
            }
            else
            {
                Assert.NotNull(info);
                Assert.InRange(part.Chunk.Length, 1, 64 * 1024);
                part.Chunk.WriteTo(bytes);
            }
        }

        Assert.Equal("application/zip", info!.MimeType);
        bytes.Position = 0;
        using var zip = new ZipArchive(bytes, ZipArchiveMode.Read);
        var entries = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var entry in zip.Entries)
        {
            using var content = new MemoryStream();
            using (var stream = entry.Open())
            {
                stream.CopyTo(content);
            }

            entries[entry.FullName] = content.ToArray();
        }

        return entries;
    }
}
