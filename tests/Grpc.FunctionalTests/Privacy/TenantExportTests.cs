extern alias client;

using System.IO.Compression;
using System.Text.Json;
using client::PesanAI.Protos.Privacy.V1;
using Grpc.Core;
using PesanAI.FunctionalTests.Media;
using PesanAI.FunctionalTests.Team;
using Tenants = client::PesanAI.Protos.Tenants.V1;

namespace PesanAI.FunctionalTests.Privacy;

/// <summary>A business's whole data as one streamed ZIP, and who may export or delete a tenant at all.</summary>
public sealed class TenantExportTests(PesanAiApp app) : IClassFixture<PesanAiApp>
{
    [Fact]
    public async Task The_owner_exports_everything_of_the_tenant_without_its_secrets()
    {
        var bed = new MediaBed(app);
        var tenant = await bed.Messaging.TenantAsync("Toko Ekspor");
        var customer = Inbound.InboundBed.NewWaId();
        await bed.Messaging.CustomerWritesAsync(tenant, customer, "Apakah batik ukuran L masih ada?");
        var photoBytes = MediaBed.Bytes(70_000, seed: 5);   // more than one 64 KiB chunk
        var photo = await bed.CustomerSendsAsync(tenant, customer, "image", photoBytes, "image/jpeg");
        Assert.Null((await MediaBed.UntilFetchedAsync(MediaBed.MediaOf(tenant), MediaBed.MediaIdOf(photo))).Error);
        var owner = await bed.Messaging.Team.MemberCaller(tenant.TenantId, Tenants.MemberRole.Owner);
        await new client::PesanAI.Protos.Knowledge.V1.KnowledgeService.KnowledgeServiceClient(owner.Channel)
            .UpsertEntryAsync(new client::PesanAI.Protos.Knowledge.V1.UpsertEntryRequest { Question = "Jam buka?", Answer = "Jam sembilan pagi." });
        await new client::PesanAI.Protos.Consent.V1.ConsentService.ConsentServiceClient(owner.Channel).RecordOptInAsync(Consent.ConsentBed.OptIn(customer));
        var privacy = new PrivacyService.PrivacyServiceClient(owner.Channel);

        var (info, zip) = await ExportAsync(privacy, new ExportTenantDataRequest());

        Assert.Equal($"tenant-{tenant.TenantId}.zip", info.Filename);
        Assert.Equal("application/zip", info.MimeType);
        Assert.Equal(1, info.LayoutVersion);
        var entries = zip.Entries.Select(e => e.FullName).ToList();
        using var manifest = JsonDocument.Parse(Read(zip, "manifest.json"));
        Assert.Equal("tenant", manifest.RootElement.GetProperty("kind").GetString());
        Assert.Equal(entries.Where(e => e != "manifest.json").Order(), manifest.RootElement.GetProperty("entries").EnumerateArray().Select(e => e.GetString()!).Order());

        var registry = Read(zip, "tenant.json");
        Assert.Contains("Toko Ekspor", registry, StringComparison.Ordinal);
        Assert.Contains(tenant.PhoneNumberId, registry, StringComparison.Ordinal);
        var archiveText = string.Concat(zip.Entries.Where(e => e.FullName.EndsWith(".json", StringComparison.Ordinal)).Select(e => Read(zip, e.FullName)));
        Assert.DoesNotContain(tenant.AccessToken, archiveText, StringComparison.Ordinal);
        Assert.DoesNotContain("protectedAccessToken", archiveText, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("protectedAppSecret", archiveText, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("verifyTokenHash", archiveText, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(owner.ClientId, Read(zip, "team.json"), StringComparison.Ordinal);
        Assert.Contains("Jam sembilan pagi.", Read(zip, "knowledge.json"), StringComparison.Ordinal);

        var conversation = Assert.Single(entries, e => e.StartsWith("conversations/", StringComparison.Ordinal) && e.EndsWith("/conversation.json", StringComparison.Ordinal));
        var messages = Read(zip, conversation.Replace("conversation.json", "messages.json", StringComparison.Ordinal));
        Assert.Contains("Apakah batik ukuran L masih ada?", messages, StringComparison.Ordinal);
        Assert.Contains("status", messages, StringComparison.Ordinal);
        Assert.Contains(customer, Read(zip, conversation), StringComparison.Ordinal);
        Assert.Contains(Consent.ConsentBed.FormUrl, Read(zip, Assert.Single(entries, e => e.StartsWith("consent/", StringComparison.Ordinal))), StringComparison.Ordinal);
        Assert.Equal(photoBytes, ReadBytes(zip, $"media/{MediaBed.MediaIdOf(photo)}"));
        Assert.Contains(MediaBed.MediaIdOf(photo), Read(zip, "media.json"), StringComparison.Ordinal);

        // The export is a read of personal data: recorded before its bytes left, so the next export lists it.
        var (_, again) = await ExportAsync(new PrivacyService.PrivacyServiceClient(app.OperatorChannel()), new ExportTenantDataRequest { TenantId = tenant.TenantId });
        var records = Read(again, "access-records.json");
        Assert.Contains("tenant_export", records, StringComparison.Ordinal);
        Assert.Contains(owner.ClientId, records, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_owner_or_the_operator_exports_or_deletes_a_tenant()
    {
        var team = new TeamBuilder(app);
        var tenant = await team.Tenant("Toko Izin");
        var other = await team.Tenant("Toko Lain");
        var admin = new PrivacyService.PrivacyServiceClient((await team.MemberCaller(tenant.Id, Tenants.MemberRole.Admin)).Channel);
        var application = new PrivacyService.PrivacyServiceClient((await team.ApplicationCaller(tenant.Id, "privacy.manage", "tenant.read")).Channel);
        var otherOwner = new PrivacyService.PrivacyServiceClient((await team.MemberCaller(other.Id, Tenants.MemberRole.Owner)).Channel);
        var operatorPrivacy = new PrivacyService.PrivacyServiceClient(app.OperatorChannel());

        foreach (var caller in new[] { admin, application })
        {
            await RpcAssert.Fails(StatusCode.PermissionDenied, () => caller.DeleteTenantAsync(new DeleteTenantRequest()).ResponseAsync);
            await RpcAssert.Fails(StatusCode.PermissionDenied, () => caller.CancelTenantDeletionAsync(new CancelTenantDeletionRequest()).ResponseAsync);
            await RpcAssert.Fails(StatusCode.PermissionDenied, () => caller.GetTenantDeletionAsync(new GetTenantDeletionRequest()).ResponseAsync);
            await RpcAssert.Fails(StatusCode.PermissionDenied, () => ExportAsync(caller, new ExportTenantDataRequest()));
        }

        await RpcAssert.Fails(StatusCode.NotFound, () => otherOwner.DeleteTenantAsync(new DeleteTenantRequest { TenantId = tenant.Id }).ResponseAsync);
        await RpcAssert.Fails(StatusCode.NotFound, () => otherOwner.GetTenantDeletionAsync(new GetTenantDeletionRequest { TenantId = tenant.Id }).ResponseAsync);
        await RpcAssert.Fails(StatusCode.NotFound, () => ExportAsync(otherOwner, new ExportTenantDataRequest { TenantId = tenant.Id }));
        Assert.Equal(Tenants.TenantState.Active, (await team.Operator.GetTenantAsync(new Tenants.GetTenantRequest { Id = tenant.Id })).State);

        await RpcAssert.Fails(StatusCode.NotFound, () => operatorPrivacy.GetTenantDeletionAsync(new GetTenantDeletionRequest { TenantId = tenant.Id }).ResponseAsync);
        await RpcAssert.InvalidArgument(() => operatorPrivacy.DeleteTenantAsync(new DeleteTenantRequest()).ResponseAsync);
        var scheduled = await operatorPrivacy.DeleteTenantAsync(new DeleteTenantRequest { TenantId = tenant.Id, Reason = "kontrak berakhir" });
        Assert.Equal(TenantDeletionState.Scheduled, scheduled.State);
        Assert.Equal("kontrak berakhir", scheduled.Reason);
        Assert.Equal(PesanAiApp.OperatorClientId, scheduled.RequestedBy);
        Assert.Equal(scheduled, await operatorPrivacy.DeleteTenantAsync(new DeleteTenantRequest { TenantId = tenant.Id }));
        await RpcAssert.WithReason(StatusCode.FailedPrecondition, "TENANT_DELETION_SCHEDULED", () =>
            team.Operator.ReactivateTenantAsync(new Tenants.ReactivateTenantRequest { Id = tenant.Id }).ResponseAsync);
        Assert.Equal(TenantDeletionState.Cancelled, (await operatorPrivacy.CancelTenantDeletionAsync(new CancelTenantDeletionRequest { TenantId = tenant.Id })).State);
        await RpcAssert.WithReason(StatusCode.FailedPrecondition, "TENANT_DELETION_NOT_SCHEDULED", () =>
            operatorPrivacy.CancelTenantDeletionAsync(new CancelTenantDeletionRequest { TenantId = tenant.Id }).ResponseAsync);
        Assert.Equal(Tenants.TenantState.Active, (await team.Operator.GetTenantAsync(new Tenants.GetTenantRequest { Id = tenant.Id })).State);
        Assert.Equal(Tenants.TenantState.Active, (await team.Operator.GetTenantAsync(new Tenants.GetTenantRequest { Id = other.Id })).State);
    }

    private static async Task<(ArchiveInfo Info, ZipArchive Zip)> ExportAsync(PrivacyService.PrivacyServiceClient privacy, ExportTenantDataRequest request)
    {
        using var call = privacy.ExportTenantData(request);
        ArchiveInfo? info = null;
        var bytes = new MemoryStream();
        await foreach (var part in call.ResponseStream.ReadAllAsync())
        {
            if (part.PartCase == ArchiveChunk.PartOneofCase.Info)
            {
                Assert.Null(info);
                Assert.Equal(0, bytes.Length);
                info = part.Info;
            }
            else
            {
                Assert.InRange(part.Chunk.Length, 1, 64 * 1024);
                part.Chunk.WriteTo(bytes);
            }
        }

        bytes.Position = 0;
        return (info!, new ZipArchive(bytes, ZipArchiveMode.Read));
    }

    private static string Read(ZipArchive zip, string path)
    {
        using var reader = new StreamReader(zip.GetEntry(path)?.Open() ?? throw new InvalidOperationException($"the archive has no {path}"));
        return reader.ReadToEnd();
    }

    private static byte[] ReadBytes(ZipArchive zip, string path)
    {
        using var stream = zip.GetEntry(path)?.Open() ?? throw new InvalidOperationException($"the archive has no {path}");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
