using Marten;
using PesanAI.Application.Common;
using PesanAI.Application.Consent;
using PesanAI.Application.Customers;
using PesanAI.Application.Media;
using PesanAI.Domain.Common;
using PesanAI.Domain.Conversations;
using PesanAI.Domain.Messaging;

namespace PesanAI.Application.Inbound;

/// <summary>
/// The writes of one ingest transaction, after its reads, in the order they are applied: preferences, messages (with
/// the description and fetch of a media message's file), statuses.
/// STOP/START keywords and WhatsApp's own stop/resume go into the consent ledger in this same transaction, so a
/// marketing send after the commit is already refused. Nothing here reads per item beyond what the batch read.
/// </summary>
internal sealed class IngestSteps(
    IDocumentSession session,
    Guid tenantId,
    TenantIntake tenant,
    CustomerBook customers,
    StreamTracker<Conversation> conversations,
    DateTimeOffset now,
    IMediaFetchQueue mediaFetches)
{
    private readonly ConsentIntake _consent = new(session, tenant.Keywords);

    /// <summary>Senders' identities that had opted out of marketing before an erasure: a new ledger starts opted out.</summary>
    public IReadOnlySet<string> ErasedOptOuts { get; init; } = new HashSet<string>();

    /// <summary>Each <c>user_preferences</c> stop/resume: into the consent ledger, and kept per customer.</summary>
    public async Task PreferencesAsync(IEnumerable<(string PhoneNumberId, CustomerPreference Preference)> preferences, CancellationToken cancellationToken)
    {
        foreach (var (phoneNumberId, preference) in preferences)
        {
            var customerId = customers.IdOf(preference.Customer);
            await _consent.OnPreferenceAsync(customerId, preference.Customer, preference.Category, preference.Value, preference.At, now, cancellationToken);
            session.Store(new CustomerPreferenceRecord(
                NameBasedGuid.From($"pesanai:preference:{tenantId:D}:{customerId:D}:{preference.Category}:{preference.Value}:{preference.At.ToUnixTimeSeconds()}"),
                customerId,
                phoneNumberId,
                preference.Category,
                preference.Value,
                preference.Detail,
                preference.At,
                now));
        }
    }

    /// <summary>Each new message into its conversation with its key row; a consent keyword is confirmed while the window is open.</summary>
    public async Task MessagesAsync(IEnumerable<(string PhoneNumberId, InboundMessage Message)> fresh, CancellationToken cancellationToken)
    {
        foreach (var (phoneNumberId, message) in fresh)
        {
            var customerId = customers.IdOf(message.From);
            customers.Link(CustomerMerge.Announced(message.From, message.Content), customerId);
            var conversation = conversations.Get(StableIds.Conversation(tenantId, phoneNumberId, customerId));
            conversation.Append(ConversationDecider.Receive(conversation.State, conversation.Id, tenantId, phoneNumberId, customerId, message, now));
            session.Insert(new InboundMessageKey(message.Wamid, conversation.Id, now));
            if (InboundMedia.Of(conversation.Id, phoneNumberId, message, now) is { } media)
            {
                // The file's description and its fetch commit with the message (once: the message key), so every
                // view of the message can name the file; the fetch itself runs after the commit.
                session.Insert(media);
                mediaFetches.Schedule(session, tenantId, media.Id, now);
            }

            if (ErasedOptOuts.Contains(message.From.WaId ?? string.Empty) || ErasedOptOuts.Contains(message.From.UserId ?? string.Empty))
            {
                await _consent.KeepErasedOptOutAsync(customerId, message.From, now, cancellationToken);
            }

            var consent = await _consent.OnMessageAsync(customerId, message.From, message.Content.Text, message.Wamid, message.SentAt, now, cancellationToken);
            if (consent.Confirmation is { } confirmation && tenant.Active && conversation.State!.IsWindowOpen(now))
            {
                // The confirmation goes through the outbox like any other message (origin system).
                var start = new ConversationStarted(conversation.Id, tenantId, phoneNumberId, customerId, message.From, now);
                var command = new SendCommand(Guid.CreateVersion7(now), OutboundContent.OfText(confirmation), null, MessageOrigin.System, null);
                conversation.Append(SendDecider.Send(conversation.State, start, command, new SendRules(NumberStanding.Usable, null, ConsentStanding.None), now));
            }
        }
    }

    /// <summary>Each status into its conversation (monotonic, by the decider); returns how many moved a message.</summary>
    public int ApplyStatuses(IEnumerable<(string PhoneNumberId, StatusUpdate Status)> statuses, OutboundLookup outbound)
    {
        var applied = 0;
        foreach (var (phoneNumberId, status) in statuses)
        {
            var customerId = customers.IdOf(status.Recipient);
            var conversation = conversations.Get(StableIds.Conversation(tenantId, phoneNumberId, customerId));
            conversation.Append(outbound.Settle(conversation.Id, status, now));
            var events = ConversationDecider.ApplyStatus(conversation.State, conversation.Id, tenantId, phoneNumberId, customerId, status, now, outbound.MessageIdOf(status.Wamid));
            applied += events.OfType<MessageStatusChanged>().Count();
            conversation.Append(events);
        }

        return applied;
    }
}
