extern alias client;

namespace PesanAI.FunctionalTests.Media;

/// <summary>Meta forgets a customer's file after days (here: seconds); PesanAI's copy stays readable.</summary>
public sealed class MediaExpiryTests(MediaExpiryTests.ShortLivedMediaApp fixture) : IClassFixture<MediaExpiryTests.ShortLivedMediaApp>
{
    private readonly MediaBed _bed = new(fixture.App);

    [Fact]
    public async Task A_photo_and_a_voice_note_read_back_byte_identical_after_the_emulator_expired_their_ids()
    {
        var tenant = await _bed.Messaging.TenantAsync();
        var customer = Inbound.InboundBed.NewWaId();
        var photo = MediaBed.Bytes(200_000, seed: 21);
        var voice = MediaBed.Bytes(30_000, seed: 22);
        var photoWamid = await _bed.CustomerSendsAsync(tenant, customer, "image", photo, "image/jpeg");
        var voiceWamid = await _bed.CustomerSendsAsync(tenant, customer, "audio", voice, "audio/ogg");
        var media = MediaBed.MediaOf(tenant);
        Assert.Null((await MediaBed.UntilFetchedAsync(media, MediaBed.MediaIdOf(photoWamid))).Error);
        Assert.Null((await MediaBed.UntilFetchedAsync(media, MediaBed.MediaIdOf(voiceWamid))).Error);

        var messages = await tenant.Conversations.ListMessagesAsync(new client::PesanAI.Protos.Conversations.V1.ListMessagesRequest
        {
            ConversationId = (await tenant.Conversations.ListConversationsAsync(new client::PesanAI.Protos.Conversations.V1.ListConversationsRequest())).Conversations.Single().Id,
        });
        foreach (var message in messages.Messages)
        {
            await _bed.UntilExpiredAtMetaAsync(tenant, message.Media.MediaId);
        }

        Assert.Equal(photo, (await MediaBed.DownloadAsync(media, MediaBed.MediaIdOf(photoWamid))).Bytes);
        Assert.Equal(voice, (await MediaBed.DownloadAsync(media, MediaBed.MediaIdOf(voiceWamid))).Bytes);
    }

    public sealed class ShortLivedMediaApp : IAsyncLifetime
    {
        public PesanAiApp App { get; } = new() { ConfigureEmulator = o => o.InboundMediaLifetime = TimeSpan.FromSeconds(10) };

        public Task InitializeAsync() => App.InitializeAsync();

        public Task DisposeAsync() => App.DisposeAsync();
    }
}
