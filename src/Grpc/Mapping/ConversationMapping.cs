using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using PesanAI.Application.Conversations;
using Api = PesanAI.Protos.Conversations.V1;
using Model = PesanAI.Domain.Conversations;

namespace PesanAI.Host.Mapping;

/// <summary>Conversations and messages to protobuf, by hand: the typed content is a oneof.</summary>
public static class ConversationMapping
{
    public static Api.Conversation ToProto(this Model.Conversation conversation)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        var proto = new Api.Conversation
        {
            Id = conversation.Id.ToString(),
            PhoneNumberId = conversation.PhoneNumberId,
            Customer = new Api.Customer
            {
                CustomerId = conversation.CustomerId.ToString(),
                WaId = conversation.Customer.WaId ?? string.Empty,
                UserId = conversation.Customer.UserId ?? string.Empty,
                ProfileName = conversation.Customer.ProfileName ?? string.Empty,
            },
            State = conversation.State == Model.ConversationState.Closed ? Api.ConversationState.Closed : Api.ConversationState.Open,
            Handler = conversation.Handler == Model.Handler.Human ? Api.ConversationHandler.Human : Api.ConversationHandler.Automation,
            AssigneeId = conversation.AssigneeId?.ToString() ?? string.Empty,
            UnreadCount = conversation.UnreadCount,
            MessageCount = conversation.MessageCount,
            StartTime = Timestamp.FromDateTimeOffset(conversation.StartedAt),
            UpdateTime = Timestamp.FromDateTimeOffset(conversation.UpdatedAt),
            LastCustomerMessageTime = Time(conversation.LastCustomerMessageAt),
            WindowExpireTime = Time(conversation.WindowExpiresAt),
            Version = conversation.Version,
        };
        proto.Labels.AddRange(conversation.Labels);
        return proto;
    }

    public static Api.Message ToProto(this MessageRecord message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var proto = new Api.Message
        {
            Wamid = message.Wamid ?? (message.Direction == Model.MessageDirection.Inbound ? message.Id : string.Empty),
            MessageId = message.MessageId?.ToString() ?? string.Empty,
            Origin = message.Origin is { } origin ? (Api.MessageOrigin)(int)origin : Api.MessageOrigin.Unspecified,
            SendState = message.SendState is { } state ? (Api.SendState)(int)state : Api.SendState.Unspecified,
            SendNote = message.SendNote ?? string.Empty,
            Attempts = message.Attempts,
            RequestId = message.RequestId ?? string.Empty,
            ConversationId = message.ConversationId.ToString(),
            Direction = message.Direction == Model.MessageDirection.Outbound ? Api.MessageDirection.Outbound : Api.MessageDirection.Inbound,
            Type = message.Content.Type,
            Context = message.Context is { } c ? new Api.MessageContext
            {
                RepliedToWamid = c.RepliedToWamid ?? string.Empty,
                RepliedToFrom = c.RepliedToFrom ?? string.Empty,
                Forwarded = c.Forwarded,
                FrequentlyForwarded = c.FrequentlyForwarded,
                ReferredCatalogId = c.ReferredCatalogId ?? string.Empty,
                ReferredProductRetailerId = c.ReferredProductRetailerId ?? string.Empty,
            } : null,
            Referral = message.Referral is { } r ? new Api.AdReferral
            {
                SourceUrl = r.SourceUrl ?? string.Empty,
                SourceId = r.SourceId ?? string.Empty,
                SourceType = r.SourceType ?? string.Empty,
                Headline = r.Headline ?? string.Empty,
                Body = r.Body ?? string.Empty,
                MediaType = r.MediaType ?? string.Empty,
                ImageUrl = r.ImageUrl ?? string.Empty,
                VideoUrl = r.VideoUrl ?? string.Empty,
                ThumbnailUrl = r.ThumbnailUrl ?? string.Empty,
                CtwaClid = r.CtwaClid ?? string.Empty,
                WelcomeMessage = r.WelcomeMessage ?? string.Empty,
            } : null,
            SendTime = Timestamp.FromDateTimeOffset(message.SentAt),
            RecordTime = Timestamp.FromDateTimeOffset(message.RecordedAt),
            Status = ToProto(message.Status),
            StatusTime = Time(message.StatusAt),
        };
        proto.Errors.AddRange(message.Errors.Select(e => new Api.MessageError
        {
            Code = e.Code,
            Title = e.Title,
            Message = e.Message ?? string.Empty,
            Details = e.Details ?? string.Empty,
        }));
        SetContent(proto, message.Content);
        return proto;
    }

    private static void SetContent(Api.Message proto, Model.MessageContent content)
    {
        if (content.Text is { } text)
        {
            proto.Text = text;
        }
        else if (content.Media is { } m)
        {
            proto.Media = new Api.Media
            {
                MediaId = m.MediaId,
                MimeType = m.MimeType,
                Sha256 = m.Sha256 ?? string.Empty,
                Caption = m.Caption ?? string.Empty,
                Filename = m.Filename ?? string.Empty,
                Voice = m.Voice,
                Animated = m.Animated,
            };
        }
        else if (content.Location is { } l)
        {
            proto.Location = new Api.Location { Latitude = l.Latitude, Longitude = l.Longitude, Name = l.Name ?? string.Empty, Address = l.Address ?? string.Empty, Url = l.Url ?? string.Empty };
        }
        else if (content.Contacts is { } cards)
        {
            proto.Contacts = new Api.Contacts();
            proto.Contacts.Cards.AddRange(cards.Select(card =>
            {
                var proto = new Api.ContactCard { FormattedName = card.FormattedName, Organization = card.Organization ?? string.Empty, Birthday = card.Birthday ?? string.Empty };
                proto.Phones.AddRange(card.Phones.Select(p => new Api.ContactPhone { Phone = p.Phone, WaId = p.WaId ?? string.Empty, Type = p.Type ?? string.Empty }));
                proto.Emails.AddRange(card.Emails);
                return proto;
            }));
        }
        else if (content.Interactive is { } i)
        {
            proto.Interactive = new Api.InteractiveReply
            {
                Kind = i.Kind,
                Id = i.Id,
                Title = i.Title,
                Description = i.Description ?? string.Empty,
                FlowName = i.FlowName ?? string.Empty,
                FlowResponseJson = i.FlowResponseJson ?? string.Empty,
            };
        }
        else if (content.Button is { } b)
        {
            proto.Button = new Api.ButtonReply { Payload = b.Payload, Text = b.Text };
        }
        else if (content.Reaction is { } reaction)
        {
            proto.Reaction = new Api.Reaction { MessageId = reaction.MessageId, Emoji = reaction.Emoji ?? string.Empty };
        }
        else if (content.Order is { } o)
        {
            proto.Order = new Api.Order { CatalogId = o.CatalogId, Text = o.Text ?? string.Empty };
            proto.Order.Items.AddRange(o.Items.Select(item => new Api.OrderItem
            {
                ProductRetailerId = item.ProductRetailerId,
                Quantity = item.Quantity,
                ItemPrice = item.ItemPrice.ToString(CultureInfo.InvariantCulture),
                Currency = item.Currency,
            }));
        }
        else if (content.System is { } s)
        {
            proto.System = new Api.SystemNotice { Kind = s.Kind, Body = s.Body, NewWaId = s.NewWaId ?? string.Empty };
        }
        else if (content.RawJson is { } json)
        {
            proto.Raw = new Api.RawContent { Json = json };
        }
    }

    public static Api.DeliveryStatus ToProto(Model.DeliveryStatus status) => status switch
    {
        Model.DeliveryStatus.Accepted => Api.DeliveryStatus.Accepted,
        Model.DeliveryStatus.Sent => Api.DeliveryStatus.Sent,
        Model.DeliveryStatus.Delivered => Api.DeliveryStatus.Delivered,
        Model.DeliveryStatus.Read => Api.DeliveryStatus.Read,
        Model.DeliveryStatus.Played => Api.DeliveryStatus.Played,
        Model.DeliveryStatus.Failed => Api.DeliveryStatus.Failed,
        _ => Api.DeliveryStatus.Unspecified,
    };

    public static Model.ConversationState? ToDomain(this Api.ConversationState state) => state switch
    {
        Api.ConversationState.Open => Model.ConversationState.Open,
        Api.ConversationState.Closed => Model.ConversationState.Closed,
        _ => null,
    };

    private static Timestamp? Time(DateTimeOffset? time) => time is { } t ? Timestamp.FromDateTimeOffset(t) : null;
}
