extern alias client;

using System.Text;
using System.Text.Json;
using client::PesanAI.Protos.Audit.V1;
using client::PesanAI.Protos.Consent.V1;
using client::PesanAI.Protos.Conversations.V1;
using client::PesanAI.Protos.Privacy.V1;
using Grpc.Core;
using PesanAI.FunctionalTests.Inbound;
using PesanAI.FunctionalTests.Media;
using PesanAI.FunctionalTests.Messaging;

namespace PesanAI.FunctionalTests.Privacy;

/// <summary>
/// The "done when": a customer's planted values, through every path PesanAI stores them by, are all in the
/// export; after the erasure none is left in any table of the database (nor in the media store, which is a table here),
/// another customer is untouched, the audit shows the erasure, and Meta's redelivery of an old webhook stores nothing.
/// </summary>
public sealed class CustomerErasureTests(PesanAiApp app) : IClassFixture<PesanAiApp>
{
    private readonly MessagingBed _bed = new(app);

    [Fact]
    public async Task A_customer_exported_then_erased_leaves_no_planted_value_in_any_table()
    {
        var shop = await PrivacyBed.ShopAsync(app, _bed);
        var token = Guid.NewGuid().ToString("N")[..10];
        var planted = new Planted(
            WaId: InboundBed.NewWaId(),
            ProfileName: $"Ñandú Wulandari {token}",
            Text: $"jam buka toko kapan ya kak? {token}a",
            Question: $"apakah ada wifi gratis {token}f",
            Caption: $"bukti transfer {token}b",
            TeamReply: $"Pesanan kakak sudah kami kirim {token}c",
            Evidence: $"https://toko.example/form/{token}d",
            Media: MediaBed.Bytes(30_000, seed: token.GetHashCode(StringComparison.Ordinal)));
        var other = (WaId: InboundBed.NewWaId(), Text: $"pesan pelanggan lain {token}e");

        // Every path: an inbound text (the AI answers it), Meta's redelivery of it, a question the AI hands off, a photo
        // with a caption, a team member's reply (which becomes a knowledge suggestion of the question), statuses of both
        // replies, an opt-in with evidence, reads of the conversation (access records) and of the suggestions.
        var textWamid = await PrivacyBed.CustomerWritesAsync(app, shop.Tenant, planted.WaId, planted.ProfileName, planted.Text);
        var redelivery = MetaPayloads.Text(shop.Tenant.PhoneNumberId, planted.WaId, textWamid, planted.Text, DateTimeOffset.UtcNow);
        Assert.True((await new InboundBed(app).PostAsync(redelivery, shop.AppSecret)).IsSuccessStatusCode);
        var ai = await PrivacyBed.UntilMessageAsync(shop.Tenant, planted.WaId, m => m.Origin == MessageOrigin.Ai && m.Status == DeliveryStatus.Read);
        var (_, handOff) = await new Knowledge.SuggestionBed(app).CustomerAsksAsync(shop, planted.WaId, planted.Question, planted.ProfileName);
        Assert.IsType<Domain.Conversations.AiHandedOff>(handOff);
        var photoWamid = await PrivacyBed.CustomerSendsPhotoAsync(app, shop.Tenant, planted.WaId, planted.ProfileName, planted.Media, planted.Caption);
        var (_, photo, photoError) = await MediaBed.UntilFetchedAsync(MediaBed.MediaOf(shop.Tenant), MediaBed.MediaIdOf(photoWamid));
        Assert.Null(photoError);
        Assert.Equal(planted.Media, photo);
        var reply = await shop.Tenant.Messaging.SendMessageAsync(MessagingBed.Text(shop.Tenant, planted.WaId, planted.TeamReply));
        await MessagingBed.UntilAsync(shop.Tenant, reply.Message.MessageId, m => m.Status == DeliveryStatus.Read);
        var suggestion = Assert.Single(await Knowledge.SuggestionBed.SuggestionsAsync(shop));
        Assert.Equal((planted.Question, planted.TeamReply), (suggestion.Question, suggestion.Answer));
        await new ConsentService.ConsentServiceClient(shop.Tenant.Agent.Channel).RecordOptInAsync(
            Consent.ConsentBed.OptIn(planted.WaId, evidence: planted.Evidence));
        await PrivacyBed.CustomerWritesAsync(app, shop.Tenant, other.WaId, "Budi", other.Text);
        await PrivacyBed.ParkAsync(app, redelivery, shop.Tenant);
        var conversation = await PrivacyBed.ConversationOfAsync(shop.Tenant, planted.WaId);
        Assert.Equal(5, (await shop.Tenant.Conversations.ListMessagesAsync(new ListMessagesRequest { ConversationId = conversation.Id })).Messages.Count);
        Assert.NotNull(ai);

        // The export holds every planted value and the file's bytes.
        var archive = await PrivacyBed.ExportAsync(shop.Privacy, new ExportCustomerDataRequest { WaId = planted.WaId });
        var text = string.Join('\n', archive.Where(e => e.Key.EndsWith(".json", StringComparison.Ordinal)).Select(e => Encoding.UTF8.GetString(e.Value)));
        foreach (var value in planted.Values)
        {
            Assert.True(DatabaseScan.Forms(value).Any(f => text.Contains(f, StringComparison.Ordinal)), $"the export lacks a planted value ({value.Length} characters)");
        }

        Assert.Contains(archive, e => e.Key.StartsWith("media/", StringComparison.Ordinal) && e.Value.AsSpan().SequenceEqual(planted.Media));
        Assert.Contains("manifest.json", archive.Keys);
        Assert.Contains(planted.Evidence, text, StringComparison.Ordinal);

        var erased = await shop.Privacy.EraseCustomerAsync(new EraseCustomerRequest { WaId = planted.WaId, RequestId = "DSR-" + token, Reason = "customer asked by e-mail" });

        Assert.Equal((1, 5, 1, 1), (erased.Conversations, erased.Messages, erased.MediaFiles, erased.ConsentStatements));
        foreach (var value in planted.Values)
        {
            Assert.Empty(await DatabaseScan.RowsContainingAsync(app.ConnectionString, value));
        }

        Assert.Empty(await DatabaseScan.RowsContainingAsync(app.ConnectionString, Convert.ToHexStringLower(planted.Media.AsSpan(1000, 32))));
        Assert.NotEmpty(await DatabaseScan.RowsContainingAsync(app.ConnectionString, other.Text));
        var others = await PrivacyBed.ConversationOfAsync(shop.Tenant, other.WaId);
        Assert.Equal(other.Text, Assert.Single((await shop.Tenant.Conversations.ListMessagesAsync(new ListMessagesRequest { ConversationId = others.Id })).Messages).Text);
        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(() => MediaBed.DownloadAsync(MediaBed.MediaOf(shop.Tenant), MediaBed.MediaIdOf(photoWamid)))).StatusCode);

        // A repeat of the request answers the same erasure; an export now finds no customer.
        var again = await shop.Privacy.EraseCustomerAsync(new EraseCustomerRequest { WaId = planted.WaId, RequestId = "DSR-" + token });
        Assert.Equal(erased.ErasureId, again.ErasureId);
        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(() => PrivacyBed.ExportAsync(shop.Privacy, new ExportCustomerDataRequest { WaId = planted.WaId }))).StatusCode);

        // The auditor sees the erasure, and who asked, without the customer.
        var audit = await Audit.AuditBed.ReplayAsync(new AuditService.AuditServiceClient(shop.Owner.Channel), new ReplayEventsRequest { EventTypes = { "customer_erased" } });
        var shown = Assert.Single(audit);
        using (var data = JsonDocument.Parse(shown.Data))
        {
            Assert.Equal("DSR-" + token, data.RootElement.GetProperty("requestId").GetString());
            Assert.Equal(5, data.RootElement.GetProperty("messages").GetInt32());
        }

        // Meta redelivers the old message days later: nothing comes back.
        Assert.True((await new InboundBed(app).PostAsync(redelivery, shop.AppSecret)).IsSuccessStatusCode);
        Assert.DoesNotContain((await shop.Tenant.Conversations.ListConversationsAsync(new ListConversationsRequest())).Conversations, c => c.Customer.WaId == planted.WaId);
        Assert.Empty(await DatabaseScan.RowsContainingAsync(app.ConnectionString, planted.WaId));
        Assert.Empty(await DatabaseScan.RowsContainingAsync(app.ConnectionString, planted.Text));
    }

    private sealed record Planted(string WaId, string ProfileName, string Text, string Question, string Caption, string TeamReply, string Evidence, byte[] Media)
    {
        public IReadOnlyList<string> Values => [WaId, ProfileName, Text, Question, Caption, TeamReply, Evidence];
    }
}
