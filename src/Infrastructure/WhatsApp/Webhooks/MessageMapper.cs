using System.Text.Json;
using PesanAI.Domain.Conversations;

namespace PesanAI.Infrastructure.WhatsApp.Webhooks;

/// <summary>
/// One element of <c>value.messages[]</c>. Needs an id, a timestamp, a type and a sender (wa_id or user_id,
/// completed from <c>contacts[]</c>); without them the message is skipped and the reason noted.
/// </summary>
internal static class MessageMapper
{
    public static WebhookMessage? Map(JsonElement element, string path, CustomerLookup contacts, ParseProblems problems)
    {
        if (!JsonItems.TryRead(element, WebhookJsonContext.Default.MessageHeaderDto, out var header, out var reason))
        {
            problems.Add(path, reason);
            return null;
        }

        if (string.IsNullOrEmpty(header.Id) || string.IsNullOrEmpty(header.Type))
        {
            problems.Add(path, "id or type is missing");
            return null;
        }

        if (!JsonItems.TryUnixTime(header.Timestamp, out var sentAt))
        {
            problems.Add(path, "timestamp is missing or not unix seconds");
            return null;
        }

        var (from, username) = contacts.Resolve(header.From, header.FromUserId ?? PreviousUserId(element, header.Type));
        if (!from.IsKnown)
        {
            problems.Add(path, "sender has neither from nor from_user_id");
            return null;
        }

        if (!MessageContentMapper.TryMap(header.Type, element, out var content, out reason))
        {
            problems.Add(path, reason);
            return null;
        }

        var message = new InboundMessage(header.Id, from, content, Context(header.Context), Referral(header.Referral), sentAt);
        return new WebhookMessage(message, Errors.Map(header.Errors, $"{path}.errors", problems), username);
    }

    /// <summary>
    /// A <c>user_changed_user_id</c> notice names its customer by <c>from_user_id</c>; should that be missing, the
    /// <c>system.previous_user_id</c> is the same customer's old id.
    /// </summary>
    private static string? PreviousUserId(JsonElement message, string type) =>
        type == "system"
        && message.TryGetProperty("system", out var system) && system.ValueKind == JsonValueKind.Object
        && system.TryGetProperty("previous_user_id", out var previous) && previous.ValueKind == JsonValueKind.String
            ? CustomerLookup.NullIfEmpty(previous.GetString())
            : null;

    private static MessageContext? Context(ContextDto? context) => context is null
        ? null
        : new MessageContext(
            context.Id,
            context.From,
            context.Forwarded ?? false,
            context.FrequentlyForwarded ?? false,
            context.ReferredProduct?.CatalogId,
            context.ReferredProduct?.ProductRetailerId);

    private static AdReferral? Referral(ReferralDto? referral) => referral is null
        ? null
        : new AdReferral(
            referral.SourceUrl,
            referral.SourceId,
            referral.SourceType,
            referral.Headline,
            referral.Body,
            referral.MediaType,
            referral.ImageUrl,
            referral.VideoUrl,
            referral.ThumbnailUrl,
            referral.CtwaClid,
            referral.WelcomeMessage?.Text);
}
