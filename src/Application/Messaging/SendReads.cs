using JasperFx.Events;
using Marten;
using Marten.Services.BatchQuerying;
using PesanAI.Application.Conversations;
using PesanAI.Application.Customers;
using PesanAI.Application.Tenants;
using PesanAI.Application.Common;
using PesanAI.Domain.Consent;
using PesanAI.Domain.Conversations;
using PesanAI.Domain.Messaging;
using PesanAI.Domain.Tenants;

namespace PesanAI.Application.Messaging;

/// <summary>
/// Everything a send decides on, read in one batch (one round trip): the request id's key, the tenant, the
/// conversation's stream, the template and the customer's consent. A customer addressed by wa_id is looked for
/// under the id its wa_id gives; only a customer linked under another id, or a send by conversation id (whose
/// customer and number are known once the stream is read), costs a second batch.
/// </summary>
internal sealed record SendReads(
    Tenant Tenant,
    string PhoneNumberId,
    Guid CustomerId,
    CustomerIdentity Customer,
    IEventStream<Conversation> Stream,
    MessageTemplate? Template,
    ConsentRecord? Consent)
{
    /// <summary>
    /// Either the key of an earlier request under the same request id (a repeat, answered with its earlier message
    /// whatever changed since: nothing else is needed nor checked) or what a new send decides on.
    /// </summary>
    public static async Task<(SendRequestKey? Repeat, SendReads? Reads)> LoadAsync(
        IDocumentSession session, SendMessage command, Guid tenantId, CancellationToken cancellationToken)
    {
        var reads = session.CreateBatchQuery();
        var usedRead = command.RequestId is { Length: > 0 } requestId ? reads.Load<SendRequestKey>(requestId) : null;
        var tenantRead = reads.Load<Tenant>(tenantId);
        if (!string.IsNullOrEmpty(command.ConversationId))
        {
            var conversationId = Guid.Parse(command.ConversationId);
            var streamRead = reads.Events.FetchForWriting<Conversation>(conversationId);
            await reads.Execute(cancellationToken);
            if (usedRead is not null && await usedRead is { } used)
            {
                return (used, null);
            }

            var tenant = await tenantRead ?? throw TenantStream.TenantNotFound(tenantId);
            var stream = await streamRead;
            var conversation = stream.Aggregate ?? throw ConversationStream.NotFound(conversationId);
            return (null, await CompleteAsync(session, command, tenant, conversation.PhoneNumberId, conversation.CustomerId, conversation.Customer, stream, cancellationToken));
        }

        var phoneNumberId = command.PhoneNumberId!;
        var customer = new CustomerIdentity(command.To!.TrimStart('+'), null);
        var expected = CustomerBook.FirstIdOf(tenantId, customer)!.Value;
        var linksRead = reads.LoadEachOf<CustomerLink>(CustomerBook.NamesOf(customer));
        var expectedStream = reads.Events.FetchForWriting<Conversation>(StableIds.Conversation(tenantId, phoneNumberId, expected));
        var templateRead = TemplateOf(reads, tenantId, phoneNumberId, command);
        var consentRead = reads.Load<ConsentRecord>(expected);
        await reads.Execute(cancellationToken);

        if (usedRead is not null && await usedRead is { } usedKey)
        {
            return (usedKey, null);
        }

        var owner = await tenantRead ?? throw TenantStream.TenantNotFound(tenantId);
        if (owner.FindPhoneNumber(phoneNumberId) is null)
        {
            throw new NotFoundException("phone_number", phoneNumberId);
        }

        var customerId = CustomerBook.Over(session, tenantId, await linksRead).IdOf(customer);
        return (null, customerId == expected
            ? new SendReads(owner, phoneNumberId, customerId, customer, await expectedStream, await Await(templateRead), await consentRead)
            : await CompleteAsync(session, command, owner, phoneNumberId, customerId, customer, null, cancellationToken));
    }

    /// <summary>The second batch: what depends on the customer's id or the conversation's number.</summary>
    private static async Task<SendReads> CompleteAsync(
        IDocumentSession session, SendMessage command, Tenant tenant, string phoneNumberId, Guid customerId,
        CustomerIdentity customer, IEventStream<Conversation>? stream, CancellationToken cancellationToken)
    {
        var reads = session.CreateBatchQuery();
        var streamRead = stream is null ? reads.Events.FetchForWriting<Conversation>(StableIds.Conversation(tenant.Id, phoneNumberId, customerId)) : null;
        var templateRead = TemplateOf(reads, tenant.Id, phoneNumberId, command);
        var consentRead = reads.Load<ConsentRecord>(customerId);
        await reads.Execute(cancellationToken);
        return new SendReads(tenant, phoneNumberId, customerId, customer, stream ?? await streamRead!, await Await(templateRead), await consentRead);
    }

    private static Task<MessageTemplate?>? TemplateOf(IBatchedQuery reads, Guid tenantId, string phoneNumberId, SendMessage command) =>
        command.Content?.Template is { } template
            ? reads.Load<MessageTemplate>(MessageTemplate.StreamIdOf(tenantId, MessageTemplate.KeyOf(phoneNumberId, template.Name, template.Language)))!
            : null;

    private static async Task<MessageTemplate?> Await(Task<MessageTemplate?>? read) => read is null ? null : await read;
}
