using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Marten;
using Mediator;
using PesanAI.Application.Common;
using PesanAI.Application.Conversations;
using PesanAI.Application.Media;
using PesanAI.Domain.Common;
using PesanAI.Domain.Conversations;
using PesanAI.Domain.Messaging;

namespace PesanAI.Application.Messaging;

/// <summary>
/// Queues a message to a customer of one of the tenant's numbers, named by <see cref="ConversationId"/> or by
/// <see cref="PhoneNumberId"/> and <see cref="To"/> (wa_id). Returns at once; the dispatcher sends it.
/// </summary>
public sealed record SendMessage(
    string? ConversationId,
    string? PhoneNumberId,
    string? To,
    OutboundContent? Content,
    string? ReplyToWamid,
    string? RequestId,
    MessageOrigin Origin = MessageOrigin.Api,
    bool ResendOfInDoubt = false) : ICommand<SentMessage>, IValidatable
{
    /// <summary>Request ids of copies queued by <see cref="ResolveInDoubt"/>: a caller's own ids may not take them.</summary>
    public const string ResendPrefix = "resend:";

    public IEnumerable<FieldViolation> Validate()
    {
        var target = string.IsNullOrEmpty(ConversationId)
            ? Check.Digits("phone_number_id", PhoneNumberId, 32).Concat(Check.Digits("to", To?.TrimStart('+'), 20))
            : Check.Id("conversation_id", ConversationId);
        return target
            .Concat(OutboundLimits.Check("content", Content))
            .Concat(Check.MaxLength("reply_to_wamid", ReplyToWamid, 256))
            .Concat(Check.MaxLength("request_id", RequestId, 128))
            .Concat(!ResendOfInDoubt && RequestId?.StartsWith(ResendPrefix, StringComparison.Ordinal) == true
                ? [new FieldViolation("request_id", $"the prefix '{ResendPrefix}' is reserved for resends of in-doubt messages")]
                : []);
    }
}

/// <summary>The queued (or, for a repeated request id, the earlier) message.</summary>
public sealed record SentMessage(Guid TenantId, MessageRecord Message, bool Repeated);

public sealed class SendMessageHandler(IDocumentSession session, ICurrentActor actor, TimeProvider clock, ITransactionLocks locks, Templates.TemplateImport templates)
    : ICommandHandler<SendMessage, SentMessage>
{
    private const int Attempts = 4;

    public async ValueTask<SentMessage> Handle(SendMessage command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var tenantId = TenantOwned.TenantOf(actor);
        var fingerprint = Fingerprint(command);
        var admission = new Admission();
        await StoredMediaSends.EnsureSendableAsync(session, command.Content, cancellationToken);

        // The dispatcher and the webhooks append to the same conversation: losing that race commits nothing, so the
        // send is decided again on a fresh session (also with a request id: its key row was not committed either).
        return await LostRace.RetryAsync(
            Attempts,
            async attempt =>
            {
                if (attempt == 1)
                {
                    return await SendOnceAsync(session, command, tenantId, fingerprint, admission, cancellationToken);
                }

                await using var fresh = Fresh(tenantId);
                return await SendOnceAsync(fresh, command, tenantId, fingerprint, admission, cancellationToken);
            },
            ex => new ConcurrencyConflictException("The conversation kept changing while the message was queued; retry with the same request_id.", ex));
    }

    private IDocumentSession Fresh(Guid tenantId)
    {
        var fresh = session.DocumentStore.LightweightSession(tenantId.ToString());
        ActorStamp.Apply(fresh, actor);
        return fresh;
    }

    private async Task<SentMessage> SendOnceAsync(
        IDocumentSession session, SendMessage command, Guid tenantId, string fingerprint, Admission admission, CancellationToken cancellationToken)
    {
        var (repeat, reads) = await SendReads.LoadAsync(session, command, tenantId, cancellationToken);
        if (repeat is not null)
        {
            return await Repeat(session, tenantId, repeat, fingerprint, cancellationToken);
        }

        var (tenant, phoneNumberId, customerId, customer, stream) = (reads!.Tenant, reads.PhoneNumberId, reads.CustomerId, reads.Customer, reads.Stream);
        var conversationId = stream.Id;
        var template = await TemplateOfAsync(reads, command.Content!.Template, cancellationToken);
        var now = clock.GetUtcNow();

        var messageId = Guid.CreateVersion7(now);
        var rules = new SendRules(NumberStanding.Of(tenant, phoneNumberId, now), template?.Standing, ConsentStanding.Of(reads.Consent));
        var start = new ConversationStarted(conversationId, tenantId, phoneNumberId, customerId, customer, now);
        var events = SendDecider.Send(stream.Aggregate, start, new SendCommand(messageId, command.Content!, command.ReplyToWamid, command.Origin, command.RequestId), rules, now);
        if (!admission.Taken && events.OfType<MessageQueued>().Single() is { OutsideWindow: true })
        {
            await MessagingLimitGate.AdmitAsync(session.DocumentStore, locks, tenant, phoneNumberId, customerId, now, cancellationToken);
            admission.Taken = true;
        }

        stream.AppendMany(events);

        // A team member's first answer after the AI handed off for lack of knowledge proposes an entry (never sent).
        await Knowledge.SuggestionStream.ProposeAsync(
            session, stream.Aggregate, command.Origin, command.Content!, Guid.TryParse(actor.MemberId, out var member) ? member : null, now, cancellationToken);
        if (command.RequestId is { Length: > 0 } id)
        {
            session.Insert(new SendRequestKey(id, messageId, conversationId, fingerprint, now));
        }

        try
        {
            await session.SaveChangesAsync(cancellationToken);
        }
        catch (Exception ex) when (command.RequestId is { Length: > 0 } && LostRace.Is(ex))
        {
            // The same request id raced in and won: answer as a repeat of it. Without its key, another writer of the
            // conversation won: decide again.
            await using var fresh = session.DocumentStore.QuerySession(tenantId.ToString());
            if (await fresh.LoadAsync<SendRequestKey>(command.RequestId, cancellationToken) is not { } winner)
            {
                throw;
            }

            return await Repeat(fresh, tenantId, winner, fingerprint, cancellationToken);
        }

        return new SentMessage(tenantId, OutboundRecords.From(events.OfType<MessageQueued>().Single()), Repeated: false);
    }

    /// <summary>
    /// The template a send names, checked component by component (INVALID_ARGUMENT naming each problem). One PesanAI
    /// does not know yet is looked up at Meta once and imported: a template approved in Business Manager is sendable
    /// without registering it here.
    /// </summary>
    private async Task<MessageTemplate?> TemplateOfAsync(SendReads reads, TemplateSend? send, CancellationToken cancellationToken)
    {
        if (send is null)
        {
            return null;
        }

        var template = reads.Template;
        if (template is null && reads.Tenant.FindPhoneNumber(reads.PhoneNumberId) is { } number && NumberStanding.Of(reads.Tenant, reads.PhoneNumberId).CanSend)
        {
            template = await templates.FindAsync(reads.Tenant.Id, number, send.Name, send.Language, cancellationToken);
        }

        if (template is not null)
        {
            var problems = TemplateSendCheck.Problems(send, template.Shape).Select(p => new FieldViolation($"content.{p.Field}", p.Problem)).ToList();
            if (problems.Count > 0)
            {
                throw new ValidationException(problems);
            }
        }

        return template;
    }

    private static async Task<SentMessage> Repeat(IQuerySession reader, Guid tenantId, SendRequestKey used, string fingerprint, CancellationToken cancellationToken)
    {
        if (used.Fingerprint != fingerprint)
        {
            throw new DomainException("REQUEST_ID_REUSED", $"request_id '{used.Id}' was already used for a different request.", RuleKind.AlreadyExists);
        }

        var record = await reader.LoadAsync<MessageRecord>(MessageRecord.OutboundId(used.MessageId), cancellationToken)
            ?? throw new UnavailableException("The earlier message of this request id is not readable yet; retry.");
        return new SentMessage(tenantId, record, Repeated: true);
    }

    /// <summary>What makes two requests "the same": everything but the request id, as JSON.</summary>
    private static string Fingerprint(SendMessage command) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(command with { RequestId = null }))));

    /// <summary>The customer's place under the messaging limit: once taken, it holds for the retries of the same call.</summary>
    private sealed class Admission
    {
        public bool Taken { get; set; }
    }
}
