extern alias client;

using System.Net.Http.Json;
using client::PesanAI.Protos.Audit.V1;
using client::PesanAI.Protos.Conversations.V1;
using client::PesanAI.Protos.Media.V1;
using Grpc.Core;
using PesanAI.Domain.Conversations;

namespace PesanAI.FunctionalTests.Media;

/// <summary>A customer's files are fetched from the emulator after the message is stored, checked, and served by GetMedia.</summary>
public sealed class InboundMediaTests(InboundMediaTests.MediaApp fixture) : IClassFixture<InboundMediaTests.MediaApp>
{
    private readonly MediaBed _bed = new(fixture.App);

    [Fact]
    public async Task A_customers_photo_and_voice_note_are_stored_byte_identical_and_kept_after_meta_forgets_them()
    {
        var tenant = await _bed.Messaging.TenantAsync();
        var customer = Inbound.InboundBed.NewWaId();
        var photo = MediaBed.Bytes(300_000, seed: 1);
        var voice = MediaBed.Bytes(40_000, seed: 2);
        var photoWamid = await _bed.CustomerSendsAsync(tenant, customer, "image", photo, "image/jpeg", caption: "bukti transfer");
        var voiceWamid = await _bed.CustomerSendsAsync(tenant, customer, "audio", voice, "audio/ogg");
        var media = MediaBed.MediaOf(tenant);

        var (photoInfo, photoBytes, photoError) = await MediaBed.UntilFetchedAsync(media, MediaBed.MediaIdOf(photoWamid));
        var (voiceInfo, voiceBytes, voiceError) = await MediaBed.UntilFetchedAsync(media, MediaBed.MediaIdOf(voiceWamid));

        Assert.Null(photoError);
        Assert.Null(voiceError);
        Assert.Equal(photo, photoBytes);
        Assert.Equal(voice, voiceBytes);
        Assert.Equal((MediaState.Stored, "image/jpeg", photo.LongLength, MediaBed.Sha256Hex(photo), "bukti transfer", photoWamid),
            (photoInfo!.State, photoInfo.MimeType, photoInfo.Size, photoInfo.Sha256, photoInfo.Caption, photoInfo.Wamid));
        Assert.Equal((client::PesanAI.Protos.Messaging.V1.MediaType.Audio, MediaOrigin.Inbound), (voiceInfo!.Type, voiceInfo.Origin));

        // The message names PesanAI's id, and the conversation's events say it is stored.
        var messages = await tenant.Conversations.ListMessagesAsync(new ListMessagesRequest { ConversationId = photoInfo.ConversationId });
        Assert.Equal(photoInfo.MediaId, messages.Messages.Single(m => m.Wamid == photoWamid).Media.PesanaiMediaId);
        Assert.Equal(1, await _bed.EventCountAsync<MediaStored>(tenant.TenantId, photoInfo.ConversationId, e => e.Wamid == photoWamid));
        var listed = await media.ListMediaAsync(new ListMediaRequest { ConversationId = photoInfo.ConversationId });
        Assert.Equal([photoInfo.MediaId, voiceInfo.MediaId], listed.Media.Select(m => m.MediaId));
    }

    [Fact]
    public async Task WatchConversations_shows_the_stored_media()
    {
        var tenant = await _bed.Messaging.TenantAsync();
        var wamid = await _bed.CustomerSendsAsync(tenant, Inbound.InboundBed.NewWaId(), "document", MediaBed.Bytes(10_000), "application/pdf");
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var watch = tenant.Conversations.WatchConversations(new WatchConversationsRequest(), cancellationToken: cancel.Token);

        await foreach (var e in watch.ResponseStream.ReadAllAsync(cancel.Token))
        {
            if (e.Type == "media_stored")
            {
                Assert.Contains(wamid, e.Data, StringComparison.Ordinal);
                Assert.Contains(MediaBed.MediaIdOf(wamid), e.Data, StringComparison.Ordinal);
                return;
            }
        }

        Assert.Fail("no media_stored event");
    }

    [Fact]
    public async Task A_server_error_at_meta_is_retried_and_the_file_stored_once()
    {
        var tenant = await _bed.Messaging.TenantAsync();
        using var emulator = fixture.App.Emulator();
        (await emulator.PutAsJsonAsync("/_emulator/faults", new Dictionary<string, object> { [MediaFaults.Error5xx] = 1.0 })).EnsureSuccessStatusCode();
        string wamid;
        try
        {
            wamid = await _bed.CustomerSendsAsync(tenant, Inbound.InboundBed.NewWaId(), "image", MediaBed.Bytes(20_000), "image/png");
            // A positive signal that the fetch failed at least once: its attempts are counted.
            await MediaProbe.UntilAttemptsAsync(fixture.App, Guid.Parse(MediaBed.MediaIdOf(wamid)), 1);
        }
        finally
        {
            (await emulator.PutAsJsonAsync("/_emulator/faults", new { })).EnsureSuccessStatusCode();
        }

        var (info, bytes, error) = await MediaBed.UntilFetchedAsync(MediaBed.MediaOf(tenant), MediaBed.MediaIdOf(wamid));

        Assert.Null(error);
        Assert.Equal(MediaBed.Bytes(20_000), bytes);
        Assert.Equal(1, await _bed.EventCountAsync<MediaStored>(tenant.TenantId, info!.ConversationId, _ => true));
    }

    [Fact]
    public async Task Bytes_that_do_not_match_metas_sha256_are_refused_recorded_and_not_stored()
    {
        var tenant = await _bed.Messaging.TenantAsync();
        using var emulator = fixture.App.Emulator();
        var storedBefore = await MediaProbe.StoredBlobCountAsync(fixture.App);
        (await emulator.PutAsJsonAsync("/_emulator/faults", new Dictionary<string, object> { [MediaFaults.WrongSha256] = 1.0 })).EnsureSuccessStatusCode();
        string wamid;
        (MediaInfo? Info, byte[]? Bytes, RpcException? Error) result;
        try
        {
            wamid = await _bed.CustomerSendsAsync(tenant, Inbound.InboundBed.NewWaId(), "image", MediaBed.Bytes(20_000), "image/jpeg");
            result = await MediaBed.UntilFetchedAsync(MediaBed.MediaOf(tenant), MediaBed.MediaIdOf(wamid));
        }
        finally
        {
            (await emulator.PutAsJsonAsync("/_emulator/faults", new { })).EnsureSuccessStatusCode();
        }

        RpcAssert.Reason(result.Error!, StatusCode.FailedPrecondition, "MEDIA_UNAVAILABLE");
        var conversation = (await tenant.Conversations.ListConversationsAsync(new ListConversationsRequest())).Conversations.Single();
        var listed = await MediaBed.MediaOf(tenant).ListMediaAsync(new ListMediaRequest { ConversationId = conversation.Id });
        Assert.Equal((MediaState.Unavailable, "SHA256_MISMATCH"), (listed.Media.Single().State, listed.Media.Single().UnavailableReason));
        Assert.Equal(1, await _bed.EventCountAsync<MediaUnavailable>(tenant.TenantId, conversation.Id, e => e.Reason == "SHA256_MISMATCH"));
        Assert.Equal(storedBefore, await MediaProbe.StoredBlobCountAsync(fixture.App));
    }

    [Fact]
    public async Task A_download_longer_than_meta_announced_is_cut_off_and_refused()
    {
        var tenant = await _bed.Messaging.TenantAsync();
        using var emulator = fixture.App.Emulator();
        var storedBefore = await MediaProbe.StoredBlobCountAsync(fixture.App);
        (await emulator.PutAsJsonAsync("/_emulator/faults", new Dictionary<string, object> { [MediaFaults.Oversize] = 1.0 })).EnsureSuccessStatusCode();
        (MediaInfo? Info, byte[]? Bytes, RpcException? Error) result;
        try
        {
            var wamid = await _bed.CustomerSendsAsync(tenant, Inbound.InboundBed.NewWaId(), "document", MediaBed.Bytes(30_000), "application/pdf");
            result = await MediaBed.UntilFetchedAsync(MediaBed.MediaOf(tenant), MediaBed.MediaIdOf(wamid));
        }
        finally
        {
            (await emulator.PutAsJsonAsync("/_emulator/faults", new { })).EnsureSuccessStatusCode();
        }

        RpcAssert.Reason(result.Error!, StatusCode.FailedPrecondition, "MEDIA_UNAVAILABLE");
        Assert.Contains("SIZE_MISMATCH", result.Error!.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(storedBefore, await MediaProbe.StoredBlobCountAsync(fixture.App));
    }

    [Fact]
    public async Task A_download_cut_off_midway_is_tried_again_and_stored_once()
    {
        var tenant = await _bed.Messaging.TenantAsync();
        using var emulator = fixture.App.Emulator();
        (await emulator.PutAsJsonAsync("/_emulator/faults", new Dictionary<string, object> { [MediaFaults.Truncate] = 1.0 })).EnsureSuccessStatusCode();
        string wamid;
        try
        {
            wamid = await _bed.CustomerSendsAsync(tenant, Inbound.InboundBed.NewWaId(), "video", MediaBed.Bytes(200_000, seed: 4), "video/mp4");
            await MediaProbe.UntilAttemptsAsync(fixture.App, Guid.Parse(MediaBed.MediaIdOf(wamid)), 1);
        }
        finally
        {
            (await emulator.PutAsJsonAsync("/_emulator/faults", new { })).EnsureSuccessStatusCode();
        }

        var (info, bytes, error) = await MediaBed.UntilFetchedAsync(MediaBed.MediaOf(tenant), MediaBed.MediaIdOf(wamid));

        Assert.Null(error);
        Assert.Equal(MediaBed.Bytes(200_000, seed: 4), bytes);
        Assert.Equal(1, await _bed.EventCountAsync<MediaStored>(tenant.TenantId, info!.ConversationId, _ => true));
    }

    [Fact]
    public async Task Another_tenants_media_id_is_not_found_and_leaves_nothing_in_its_audit()
    {
        var owner = await _bed.Messaging.TenantAsync("Toko Pemilik");
        var stranger = await _bed.Messaging.TenantAsync("Toko Lain");
        var wamid = await _bed.CustomerSendsAsync(owner, Inbound.InboundBed.NewWaId(), "image", MediaBed.Bytes(5_000), "image/jpeg");
        var (_, _, error) = await MediaBed.UntilFetchedAsync(MediaBed.MediaOf(owner), MediaBed.MediaIdOf(wamid));
        Assert.Null(error);

        await RpcAssert.Fails(StatusCode.NotFound, () => MediaBed.DownloadAsync(MediaBed.MediaOf(stranger), MediaBed.MediaIdOf(wamid)));
        await RpcAssert.Fails(StatusCode.NotFound, () => MediaBed.DownloadAsync(MediaBed.MediaOf(owner), Guid.NewGuid().ToString()));

        var audit = new AuditService.AuditServiceClient((await _bed.Messaging.Team.MemberCaller(stranger.TenantId, client::PesanAI.Protos.Tenants.V1.MemberRole.Auditor)).Channel);
        var strangerReads = await Audit.AuditBed.AllPagesAsync(audit, new ListDataAccessRequest());
        Assert.DoesNotContain(strangerReads.SelectMany(p => p), a => a.ResourceType == "media");
        var ownerAudit = new AuditService.AuditServiceClient((await _bed.Messaging.Team.MemberCaller(owner.TenantId, client::PesanAI.Protos.Tenants.V1.MemberRole.Auditor)).Channel);
        var ownerReads = await Audit.AuditBed.AllPagesAsync(ownerAudit, new ListDataAccessRequest());
        Assert.Contains(ownerReads.SelectMany(p => p), a => a.ResourceType == "media" && a.ResourceIds.Contains(MediaBed.MediaIdOf(wamid)));
    }

    [Fact]
    public async Task A_file_meta_no_longer_has_is_given_up_at_once_with_the_reason()
    {
        var tenant = await _bed.Messaging.TenantAsync();
        using var emulator = fixture.App.Emulator();
        using var response = await emulator.PostAsJsonAsync("/_emulator/simulate", new Dictionary<string, object>
        {
            ["phone_number_id"] = tenant.PhoneNumberId,
            ["from"] = Inbound.InboundBed.NewWaId(),
            ["type"] = "image",
            ["image"] = new { id = "404404404404", mime_type = "image/jpeg", sha256 = MediaBed.Sha256Hex([1, 2, 3]) },
        });
        response.EnsureSuccessStatusCode();
        var wamid = (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("wamid").GetString()!;
        await fixture.App.UntilInboundProcessedAsync();

        var (_, _, error) = await MediaBed.UntilFetchedAsync(MediaBed.MediaOf(tenant), MediaBed.MediaIdOf(wamid));

        RpcAssert.Reason(error!, StatusCode.FailedPrecondition, "MEDIA_UNAVAILABLE");
        Assert.Contains("EXPIRED_AT_META", error!.Status.Detail, StringComparison.Ordinal);
    }

    public sealed class MediaApp : IAsyncLifetime
    {
        public PesanAiApp App { get; } = new() { Settings = new Dictionary<string, string?> { ["PESANAI_MEDIA_RETRY_BASE_SECONDS"] = "0.05" } };

        public Task InitializeAsync() => App.InitializeAsync();

        public Task DisposeAsync() => App.DisposeAsync();
    }
}
