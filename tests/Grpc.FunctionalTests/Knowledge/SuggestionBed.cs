extern alias client;

using client::PesanAI.Protos.Knowledge.V1;
using PesanAI.FunctionalTests.Automation;
using PesanAI.FunctionalTests.Messaging;
using PesanAI.FunctionalTests.Privacy;

namespace PesanAI.FunctionalTests.Knowledge;

/// <summary>
/// A shop whose AI answers from three entries (opening hours, shipping, returns), with an agent who replies to customers
/// (a member: origin member), an admin who decides suggestions and the number's app secret for Meta's redeliveries.
/// </summary>
internal sealed class SuggestionBed(PesanAiApp app)
{
    public MessagingBed Messaging { get; } = new(app);

    public async Task<PrivacyShop> ShopAsync() => await PrivacyBed.ShopAsync(app, Messaging);

    public static KnowledgeService.KnowledgeServiceClient Knowledge(PrivacyShop shop) => new(shop.Admin.Channel);

    /// <summary>The customer writes; returns the AI's decision on that message (the positive signal that it was decided).</summary>
    public async Task<(string Wamid, object Decision)> CustomerAsksAsync(PrivacyShop shop, string waId, string text, string profileName = "Sari")
    {
        var wamid = await Messaging.CustomerWritesAsync(shop.Tenant, waId, text, profileName: profileName);
        return (wamid, await DecisionOnAsync(shop, waId, wamid));
    }

    /// <summary>A team member (the agent) answers the customer with a text; the suggestion, if any, is committed with it.</summary>
    public static async Task<string> MemberRepliesAsync(PrivacyShop shop, string waId, string text, string? requestId = null) =>
        (await shop.Tenant.Messaging.SendMessageAsync(MessagingBed.Text(shop.Tenant, waId, text, requestId))).Message.MessageId;

    public static async Task<IReadOnlyList<SuggestedEntry>> SuggestionsAsync(PrivacyShop shop, SuggestionState state = SuggestionState.Unspecified) =>
        (await Knowledge(shop).ListSuggestedEntriesAsync(new ListSuggestedEntriesRequest { State = state })).Suggestions;

    /// <summary>
    /// The AI's decision on the customer message <paramref name="wamid"/> (AiReplied, AiHandedOff or AiSuppressed), read
    /// from the conversation's stream. Fails after 20 s.
    /// </summary>
    public Task<object> DecisionOnAsync(PrivacyShop shop, string waId, string wamid) => AiDecisions.OnAsync(app, shop.Tenant, waId, wamid);
}
