using PesanAI.Domain.Common;
using PesanAI.Domain.Conversations;

namespace PesanAI.Domain.Messaging;

/// <summary>A send request after its shape was validated: the message id is chosen by the caller (Guid v7).</summary>
public sealed record SendCommand(Guid MessageId, OutboundContent Content, string? ReplyToWamid, MessageOrigin Origin, string? RequestId);

/// <summary>What the send rules read besides the conversation: the number, the template (for template sends) and consent.</summary>
public sealed record SendRules(NumberStanding Number, TemplateStanding? Template, ConsentStanding Consent);

/// <summary>
/// Meta's rules and the customer's consent, before anything enters the outbox (<see cref="Send"/>: a refused send
/// records nothing) and again when the dispatcher takes a queued message (<see cref="Recheck"/>: what changed in
/// between fails it). A conversation that does not exist yet (the customer never wrote) is started by a template send.
/// </summary>
public static class SendDecider
{
    public static IReadOnlyList<object> Send(
        Conversation? state, ConversationStarted start, SendCommand command, SendRules rules, DateTimeOffset now)
    {
        if (!rules.Number.CanSend)
        {
            throw new DomainException(rules.Number.Reason!, rules.Number.Message ?? "The number cannot send now.");
        }

        // A customer who hides their number is known only by a business-scoped user id (BSUID): sent to by that.
        var recipient = state?.Customer.Recipient ?? start.Customer.Recipient;
        if (string.IsNullOrEmpty(recipient))
        {
            throw new DomainException("RECIPIENT_UNKNOWN", "The customer has neither a WhatsApp id (wa_id) nor a user id to send to.");
        }

        var category = command.Content.Template is { } template
            ? CheckTemplate(template, rules.Template, rules.Consent)
            : (TemplateCategory?)null;
        if (category is TemplateCategory.Authentication && CustomerIdentity.IsUserId(recipient))
        {
            // Meta's 131062: no authentication template (one-tap, zero-tap or copy-code) to a BSUID.
            throw new DomainException(
                "NOT_ALLOWED_FOR_USER_ID", "Meta does not deliver authentication templates to a customer known only by a business-scoped user id.");
        }
        if (category is null)
        {
            if (state is null || !state.IsWindowOpen(now))
            {
                throw new DomainException(
                    "WINDOW_CLOSED", "More than 24 hours since the customer's last message: only a template may be sent.");
            }

            if (command.Origin == MessageOrigin.Ai && rules.Consent.AutomationOptedOut)
            {
                throw new DomainException("OPTED_OUT", "The customer opted out of automated replies.");
            }
        }

        var outsideWindow = category is not null && (state is null || !state.IsWindowOpen(now));
        if (rules.Number.RefusalFor(outsideWindow) is { } restricted)
        {
            throw new DomainException(restricted.Reason, restricted.Message);
        }

        var id = state?.Id ?? start.ConversationId;
        var queued = new MessageQueued(
            id, command.MessageId, state?.PhoneNumberId ?? start.PhoneNumberId, recipient, command.Content,
            command.ReplyToWamid, command.Origin, category, command.RequestId, now) { OutsideWindow = outsideWindow };
        return state is null ? [start with { StartedAt = now }, queued] : [queued];
    }

    /// <summary>
    /// The rules that can change between queueing and sending, checked again at send time: the number (tenant
    /// suspended, number removed, token rejected, account banned or restricted for this kind of send) and a marketing opt-out (a customer's STOP stops a queued marketing
    /// message at once; Meta's 131050). Null when the message may go.
    /// </summary>
    public static MessageFailed? Recheck(MessageQueued queued, NumberStanding number, ConsentStanding consent, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(queued);
        ArgumentNullException.ThrowIfNull(number);
        ArgumentNullException.ThrowIfNull(consent);
        if (!number.CanSend)
        {
            return new MessageFailed(
                queued.ConversationId, queued.MessageId, new MessageError(number.MetaCode, number.Reason!, number.Message ?? "The number cannot send now."), now);
        }

        if (number.RefusalFor(queued.OutsideWindow) is { } restricted)
        {
            return new MessageFailed(queued.ConversationId, queued.MessageId, new MessageError(0, restricted.Reason, restricted.Message), now);
        }

        if (queued.Category is TemplateCategory.Marketing && consent.MarketingOptedOut)
        {
            return new MessageFailed(
                queued.ConversationId, queued.MessageId,
                new MessageError(MetaErrorCodes.MarketingOptedOut, "OPTED_OUT", "The customer opted out of marketing after the message was queued."), now);
        }

        return null;
    }

    private static TemplateCategory CheckTemplate(TemplateSend send, TemplateStanding? standing, ConsentStanding consent)
    {
        if (standing is not { Status: TemplateStatus.Approved })
        {
            throw new DomainException(
                "TEMPLATE_NOT_APPROVED", $"Template '{send.Name}' is not approved in language '{send.Language}' for this number.");
        }

        // The API names each problem as INVALID_ARGUMENT before this; here the rule holds for every caller.
        if (TemplateSendCheck.Problems(send, standing.Shape).FirstOrDefault() is { Field: not null } problem)
        {
            throw new DomainException("PARAMETER_MISMATCH", $"Template '{send.Name}' does not take this send: {problem.Field}: {problem.Problem}.");
        }

        switch (standing.Category)
        {
            case TemplateCategory.Marketing when consent.MarketingOptedOut:
                throw new DomainException("OPTED_OUT", "The customer opted out of marketing messages.");
            case TemplateCategory.Marketing when !consent.MarketingOptedIn:
                throw new DomainException("CONSENT_REQUIRED", "A marketing template needs the customer's marketing opt-in.");
            case TemplateCategory.Utility or TemplateCategory.Authentication when consent.UtilityOptedOut:
                throw new DomainException("OPTED_OUT", "The customer opted out of utility messages.");
        }

        return standing.Category;
    }
}
