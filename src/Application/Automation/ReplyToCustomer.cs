using Marten;
using Mediator;
using Microsoft.Extensions.Logging;
using PesanAI.Application.Common;
using PesanAI.Application.Conversations;
using PesanAI.Application.Tenants;
using PesanAI.Application.WhatsApp;
using PesanAI.Domain.Automation;
using PesanAI.Domain.Common;
using PesanAI.Domain.Consent;
using PesanAI.Domain.Conversations;
using PesanAI.Domain.Knowledge;
using PesanAI.Domain.Messaging;
using PesanAI.Domain.Tenants;

namespace PesanAI.Application.Automation;

/// <summary>How long the AI waits after a customer message for more (two quick messages get one reply).</summary>
public sealed record AutomationOptions(TimeSpan QuietPeriod)
{
    public static AutomationOptions Default { get; } = new(TimeSpan.FromSeconds(1.5));
}

/// <summary>
/// The AI's answer to one customer message, sent by the automation subscription after the message committed (never in
/// the webhook's request), through the mediator like every other use case.
/// </summary>
public sealed record ReplyToCustomer(Guid TenantId, MessageReceived Trigger) : ICommand;

/// <summary>
/// The rules (AutomationDecider), then the tenant's responder, then one transaction on the conversation with the
/// decision event and, for a reply, the message queued through the same send rules and outbox as every other message
/// (origin ai). A replayed or redelivered event is answered once.
/// </summary>
public sealed partial class ReplyToCustomerHandler(
    IDocumentStore store,
    Inbound.IPhoneNumberDirectory directory,
    IAiResponder responder,
    IWhatsAppSender sender,
    ISecretProtector secrets,
    AutomationOptions options,
    TimeProvider clock,
    ILogger<ReplyToCustomerHandler> logger)
    : ICommandHandler<ReplyToCustomer>
{
    private const int Attempts = 4;
    private const int RecentTurns = 10;

    public async ValueTask<Unit> Handle(ReplyToCustomer command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var (tenantId, trigger) = (command.TenantId, command.Trigger);
        await AnswerAsync(tenantId, trigger, cancellationToken);
        return Unit.Value;
    }

    private async Task AnswerAsync(Guid tenantId, MessageReceived trigger, CancellationToken cancellationToken)
    {

        // Most tenants' messages stop here, on a cached flag (a change of the settings shows within 30 s): neither the AI
        // nor business hours (whose away message goes out with the AI off too) are set.
        if (!await directory.HasAutomationAsync(tenantId, cancellationToken))
        {
            return;
        }

        var quietUntil = trigger.ReceivedAt + options.QuietPeriod;
        if (quietUntil > clock.GetUtcNow())
        {
            await Task.Delay(quietUntil - clock.GetUtcNow(), clock, cancellationToken);
        }

        // The conversation moves (another message, a status, the dispatcher): a lost race decides again on what it is now,
        // without asking the responder again.
        AiAnswer? answer = null;
        await LostRace.RetryAsync(
            Attempts,
            async _ =>
            {
                await using var session = store.LightweightSession(tenantId.ToString());
                var tenant = await TenantStream.Load(session, tenantId, cancellationToken);
                var settings = tenant.Ai;
                if (!settings.Enabled && settings.Hours is null)
                {
                    return;
                }

                var stream = await session.Events.FetchForWriting<Conversation>(trigger.ConversationId, cancellationToken);
                if (stream.Aggregate is not { } state)
                {
                    return;
                }

                var messages = await session.Query<MessageRecord>()
                    .Where(m => m.ConversationId == trigger.ConversationId)
                    .OrderByDescending(m => m.RecordedAt)
                    .Take(RecentTurns)
                    .ToListAsync(cancellationToken);
                // Meta's notices (a changed number or user id) are not the customer writing: they supersede nothing.
                var newer = messages.FirstOrDefault(m => m.Direction == MessageDirection.Inbound && m.Content.System is null) is { } latest && latest.Id != trigger.Wamid
                    && latest.RecordedAt >= trigger.ReceivedAt;
                var consent = await session.LoadAsync<ConsentRecord>(state.CustomerId, cancellationToken);
                var now = clock.GetUtcNow();
                var step = AutomationDecider.Before(state, trigger, settings, ConsentRecord.HasOptedOut(consent, ConsentPurpose.Automation), newer, now);
                if (step is AutomationStep.Skip)
                {
                    return;
                }

                if (step is AutomationStep.Ask && answer is null)
                {
                    answer = await responder.AnswerAsync(
                        new AiRequest(tenantId, state.Id, settings, Unanswered(messages, trigger), [.. messages.AsEnumerable().Reverse().Select(Turn).OfType<ConversationTurn>()])
                        {
                            ShowTyping = ct => ShowTypingAsync(tenant, state.PhoneNumberId, trigger.Wamid, ct),
                        },
                        cancellationToken);
                }

                stream.AppendMany(Decide(tenant, state, trigger, step, answer, consent, settings, now));
                await session.SaveChangesAsync(cancellationToken);
            });
    }

    private static IReadOnlyList<object> Decide(
        Tenant tenant, Conversation state, MessageReceived trigger, AutomationStep step, AiAnswer? answer, ConsentRecord? consent, AiSettings settings, DateTimeOffset now)
    {
        var id = state.Id;
        switch (step)
        {
            case AutomationStep.Suppress s:
                return [new AiSuppressed(id, trigger.Wamid, s.Reason, now)];
            case AutomationStep.HandOff h:
                return [new AiHandedOff(id, trigger.Wamid, "rules", null, 0, [], 0, h.Reason, now)];
            case AutomationStep.Reply r:
                var away = r.Reason == AutomationReasons.Away ? settings.Hours?.DayOf(now) : null;
                return Send(tenant, state, trigger, r.Text, consent, now, messageId => new AiReplied(id, messageId, trigger.Wamid, "rules", null, 0, null, null, [], 0, r.Reason, now) { AwayDay = away });
        }

        var a = answer!;
        if (a.Kind == ReplyKind.HandOff || string.IsNullOrWhiteSpace(a.ReplyText) || a.ReplyText.Length > Math.Min(settings.MaxReplyLength, AiSettings.MetaTextLimit))
        {
            var reason = a.Kind == ReplyKind.HandOff ? a.Reason : "UNUSABLE_REPLY";
            return [new AiHandedOff(id, trigger.Wamid, a.Provider, a.Model, (long)a.Latency.TotalMilliseconds, a.EntryIds, a.Score, reason, now)];
        }

        return Send(tenant, state, trigger, a.ReplyText, consent, now, messageId => new AiReplied(
            id, messageId, trigger.Wamid, a.Provider, a.Model, (long)a.Latency.TotalMilliseconds, a.PromptTokens, a.CompletionTokens, a.EntryIds, a.Score, a.Reason, now));
    }

    /// <summary>The reply through the send rules (origin ai): refused there, it is recorded as suppressed with the rule's reason.</summary>
    private static IReadOnlyList<object> Send(
        Tenant tenant, Conversation state, MessageReceived trigger, string text, ConsentRecord? consent, DateTimeOffset now, Func<Guid, AiReplied> replied)
    {
        var standing = NumberStanding.Of(tenant, state.PhoneNumberId, now);
        var consentStanding = ConsentStanding.Of(consent);
        var messageId = Guid.CreateVersion7(now);
        try
        {
            var start = new ConversationStarted(state.Id, state.TenantId, state.PhoneNumberId, state.CustomerId, state.Customer, now);
            var queued = SendDecider.Send(
                state, start, new SendCommand(messageId, OutboundContent.OfText(text), null, MessageOrigin.Ai, "ai:" + trigger.Wamid), new SendRules(standing, null, consentStanding), now);
            return [replied(messageId), .. queued];
        }
        catch (DomainException refused)
        {
            return [new AiSuppressed(state.Id, trigger.Wamid, refused.Reason, now)];
        }
    }

    /// <summary>
    /// "typing…" on the customer's message (Meta's read receipt with <c>typing_indicator</c>; it also marks the message
    /// read) while an external model thinks. Best effort: a failure is logged (no personal data) and the answer goes on.
    /// It is not recorded as the team having read the conversation: the unread count stays the team's.
    /// </summary>
    private async Task ShowTypingAsync(Tenant tenant, string phoneNumberId, string wamid, CancellationToken cancellationToken)
    {
        try
        {
            if (tenant.FindPhoneNumber(phoneNumberId) is { } number)
            {
                var account = new SenderAccount(number.PhoneNumberId, number.WabaId, secrets.Unprotect(number.ProtectedAccessToken));
                await sender.MarkReadAsync(account, wamid, showTyping: true, cancellationToken);
            }
        }
        catch (Exception ex)
        {
            if (!cancellationToken.IsCancellationRequested)
            {
                LogTypingFailed(logger, tenant.Id, ex is GraphApiException graph ? graph.Error.Code.ToString(System.Globalization.CultureInfo.InvariantCulture) : ex.GetType().Name);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The AI could not show typing for tenant {TenantId} ({Failure}); answering without it")]
    private static partial void LogTypingFailed(ILogger logger, Guid tenantId, string failure);

    /// <summary>The customer's messages since the business last wrote, oldest first: one coherent question.</summary>
    private static string Unanswered(IReadOnlyList<MessageRecord> newestFirst, MessageReceived trigger)
    {
        var texts = newestFirst
            .TakeWhile(m => m.Direction == MessageDirection.Inbound)
            .Reverse()
            .Select(m => AutomationDecider.TextOf(m.Content))
            .OfType<string>()
            .ToList();
        return texts.Count > 0 ? string.Join("\n", texts) : AutomationDecider.TextOf(trigger.Content) ?? string.Empty;
    }

    private static ConversationTurn? Turn(MessageRecord record) =>
        (record.Direction == MessageDirection.Inbound ? AutomationDecider.TextOf(record.Content) : record.Outbound?.Text) is { } text
            ? new ConversationTurn(record.Direction, text, record.SentAt)
            : null;
}
