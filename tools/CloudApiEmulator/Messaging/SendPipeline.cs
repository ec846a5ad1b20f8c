using System.Text.Json;
using PesanAI.CloudApiEmulator.Customers;
using PesanAI.CloudApiEmulator.Graph;
using PesanAI.CloudApiEmulator.Media;
using PesanAI.CloudApiEmulator.Numbers;
using PesanAI.CloudApiEmulator.Templates;

namespace PesanAI.CloudApiEmulator.Messaging;

/// <summary>
/// One call to <c>POST /{version}/{phone-number-id}/messages</c>, checked in Meta's order: the number, the token,
/// the shape, a referenced media id, the template and its parameters (a media header's id too), the customer-service window,
/// the account's ban and restrictions, the number's throughput, the pair rate, the messaging limit (a business-initiated
/// send to a new customer); then accepted.
/// </summary>
internal sealed class SendPipeline(
    NumberRegistry numbers,
    CustomerBook customers,
    TemplateCatalog templates,
    RateLimits rates,
    SendLog log,
    StatusScheduler statuses,
    MediaLibrary media,
    Health.HealthBook health,
    TimeProvider clock)
{
    public async Task<(object? Answer, GraphError? Error)> RunAsync(string phoneNumberId, HttpRequest http, CancellationToken cancellationToken)
    {
        if (numbers.Find(phoneNumberId) is not { } number)
        {
            return (null, MetaErrors.UnknownObject(phoneNumberId));
        }

        if (!NumberRegistry.TokenMatches(number, GraphRequest.Token(http)))
        {
            return (null, MetaErrors.InvalidToken());
        }

        using var document = await GraphRequest.ReadObjectAsync(http, cancellationToken);
        if (document is null)
        {
            return (null, MetaErrors.InvalidParameter("The request body must be a JSON object."));
        }

        var body = document.RootElement;
        return body.String("status") == "read" ? MarkAsRead(number, body) : Send(number, body);
    }

    private (object?, GraphError?) Send(BusinessNumber number, JsonElement body)
    {
        var (request, error) = SendValidator.Parse(body);
        if (request is null)
        {
            return (null, error);
        }

        var (item, mediaError) = SendMedia.Check(media, number, request.Type, body);
        if (mediaError is not null)
        {
            return (null, mediaError);
        }

        TemplateCheck? check = null;
        if (request.Template is { } reference)
        {
            (check, error) = TemplateRules.Check(templates, media, number, reference);
            if (error is not null)
            {
                return (null, error);
            }

            if (request.ToUserId && check!.Template.Category == "AUTHENTICATION")
            {
                return (null, MetaErrors.AuthenticationToUserId());
            }

            item = check!.HeaderMedia;
        }

        var template = check?.Template;

        var now = clock.GetUtcNow();
        // Answered synchronously, as current API versions do; Meta may instead accept such a send and report
        // 131047 later in a failed status, which PesanAI must handle too.
        if (template is null && !customers.WindowOpen(number.PhoneNumberId, request.WaId, now))
        {
            return (null, MetaErrors.ReEngagement());
        }

        var account = health.AccountOf(number.WabaId);
        var businessInitiated = template is not null && !customers.WindowOpen(number.PhoneNumberId, request.WaId, now);
        if (account.BanState == "DISABLE")
        {
            return (null, MetaErrors.AccountLocked("The WhatsApp Business Account is disabled."));
        }

        var restriction = businessInitiated ? "RESTRICTED_BIZ_INITIATED_MESSAGING" : "RESTRICTED_CUSTOMER_INITIATED_MESSAGING";
        if (account.Restricted(restriction, now))
        {
            return (null, MetaErrors.AccountLocked($"The WhatsApp Business Account is restricted ({restriction})."));
        }

        if (!rates.TryThroughput(number, now))
        {
            return (null, MetaErrors.Throughput());
        }

        if (!rates.TryPair(number, request.WaId, now))
        {
            return (null, MetaErrors.PairRate());
        }

        if (businessInitiated && !account.TryReach(request.WaId, now))
        {
            return (null, MetaErrors.MessagingLimit(account.Tier));
        }

        var send = new AcceptedSend(
            Ids.Wamid(), number.PhoneNumberId, request.WaId, request.Type, body.Clone(), request.BizOpaqueCallbackData, request.ContextMessageId, now)
        {
            MediaId = item?.Id,
            ToUserId = request.ToUserId,
            Template = check?.Sent,
        };
        if (item is not null)
        {
            media.KeepSent(item);
        }

        log.Accept(send);
        var customer = customers.Behaviour(request.WaId);
        var failure = customer.Undeliverable ? MetaErrors.Undeliverable()
            : template is { IsMarketing: true } && customer.MarketingStopped ? MetaErrors.MarketingStopped()
            : null;
        statuses.Start(number, send, template?.Category.ToLowerInvariant(), failure);
        return (new SendAnswer("whatsapp", [new SendAnswer.Contact(request.To, request.WaId)], [new SendAnswer.Message(send.Wamid, "accepted")]), null);
    }

    private (object?, GraphError?) MarkAsRead(BusinessNumber number, JsonElement body)
    {
        if (body.String("messaging_product") != "whatsapp")
        {
            return (null, MetaErrors.InvalidParameter("Param messaging_product must be whatsapp"));
        }

        if (body.String("message_id") is not { } wamid || !numbers.WasInbound(number.PhoneNumberId, wamid))
        {
            return (null, MetaErrors.InvalidParameter("message_id must be the id of a message this number received"));
        }

        // The typing indicator rides on a read receipt; "text" is its only type.
        var typing = body.Object("typing_indicator");
        if (typing is { } indicator && indicator.String("type") != "text")
        {
            return (null, MetaErrors.InvalidParameter("Param typing_indicator.type must be text"));
        }

        log.Read(new ReadReceipt(number.PhoneNumberId, wamid, typing is not null, clock.GetUtcNow()));
        return (new { success = true }, null);
    }

    private sealed record SendAnswer(string MessagingProduct, SendAnswer.Contact[] Contacts, SendAnswer.Message[] Messages)
    {
        public sealed record Contact(string Input, string WaId);

        public sealed record Message(string Id, string MessageStatus);
    }
}
