extern alias client;

using client::PesanAI.Protos.Privacy.V1;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.DependencyInjection;
using PesanAI.Application.Privacy;
using PesanAI.FunctionalTests.Inbound;
using PesanAI.FunctionalTests.Privacy;

namespace PesanAI.FunctionalTests.Knowledge;

/// <summary>A suggestion repeats a customer's words: it goes when the message content it was learnt from is past its period.</summary>
public sealed class SuggestionRetentionTests(PesanAiApp app) : IClassFixture<PesanAiApp>
{
    private static readonly TimeSpan Period = TimeSpan.FromDays(1);

    private readonly SuggestionBed _bed = new(app);

    [Fact]
    public async Task A_suggestion_goes_with_the_content_of_the_message_it_was_learnt_from()
    {
        var shop = await _bed.ShopAsync();
        await new PrivacyService.PrivacyServiceClient(shop.Owner.Channel).UpdateRetentionPolicyAsync(new UpdateRetentionPolicyRequest
        {
            Policy = new RetentionPolicy { MessageContent = Duration.FromTimeSpan(Period) },
        });
        var (oldCustomer, youngCustomer) = (InboundBed.NewWaId(), InboundBed.NewWaId());
        var oldQuestion = "Apakah bisa titip barang sementara " + Guid.NewGuid().ToString("N");
        var youngQuestion = "Apakah ada voucher ulang tahun " + Guid.NewGuid().ToString("N");
        await _bed.CustomerAsksAsync(shop, oldCustomer, oldQuestion);
        await SuggestionBed.MemberRepliesAsync(shop, oldCustomer, "Bisa kak, maksimal satu minggu.");
        var cutoff = DateTimeOffset.UtcNow;
        await _bed.CustomerAsksAsync(shop, youngCustomer, youngQuestion);
        await SuggestionBed.MemberRepliesAsync(shop, youngCustomer, "Ada kak, diskon sepuluh persen.");
        Assert.Equal(2, (await SuggestionBed.SuggestionsAsync(shop)).Count);

        await PurgeAtAsync(cutoff + Period);

        Assert.Equal(youngQuestion, Assert.Single(await SuggestionBed.SuggestionsAsync(shop)).Question);
        Assert.Equal(["\"pesanai\".\"inbound_webhooks\""], (await DatabaseScan.RowsContainingAsync(app.ConnectionString, oldQuestion)).Keys);
    }

    private Task<PurgeReport> PurgeAtAsync(DateTimeOffset now) => PrivacyBed.PurgeAtAsync(app, now);
}
