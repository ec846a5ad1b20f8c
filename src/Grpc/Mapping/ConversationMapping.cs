using System.Globalization;
using Mapster;
using PesanAI.Application.Conversations;
using PesanAI.Application.Media;
using PesanAI.Domain.Messaging;
using Api = PesanAI.Protos.Conversations.V1;
using Model = PesanAI.Domain.Conversations;

namespace PesanAI.Host.Mapping;

/// <summary>Conversations and their messages.</summary>
public sealed class ConversationMapping : IRegister
{
    public void Register(TypeAdapterConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);

        // Enums by hand: the wire reserves 0 for UNSPECIFIED, and outbound-only values are UNSPECIFIED when absent.
        config.NewConfig<Model.ConversationState, Api.ConversationState>()
            .MapWith(state => state == Model.ConversationState.Closed ? Api.ConversationState.Closed : Api.ConversationState.Open);
        config.NewConfig<Api.ConversationState, Model.ConversationState?>().MapWith(state => ToDomain(state));
        config.NewConfig<Model.Handler, Api.ConversationHandler>()
            .MapWith(handler => handler == Model.Handler.Human ? Api.ConversationHandler.Human : Api.ConversationHandler.Automation);
        config.NewConfig<Model.MessageDirection, Api.MessageDirection>()
            .MapWith(direction => direction == Model.MessageDirection.Outbound ? Api.MessageDirection.Outbound : Api.MessageDirection.Inbound);
        config.NewConfig<Model.DeliveryStatus, Api.DeliveryStatus>().MapWith(status => ToProto(status));
        config.NewConfig<MessageOrigin?, Api.MessageOrigin>()
            .MapWith(origin => origin.HasValue ? (Api.MessageOrigin)(int)origin.Value : Api.MessageOrigin.Unspecified);
        config.NewConfig<SendState?, Api.SendState>()
            .MapWith(state => state.HasValue ? (Api.SendState)(int)state.Value : Api.SendState.Unspecified);

        config.NewConfig<Model.Conversation, Api.Customer>()
            .Map(dest => dest.CustomerId, src => src.CustomerId.ToString())
            .Map(dest => dest.WaId, src => src.Customer.WaId)
            .Map(dest => dest.UserId, src => src.Customer.UserId)
            .Map(dest => dest.ProfileName, src => src.Customer.ProfileName);

        config.NewConfig<Model.Conversation, Api.Conversation>()
            .Map(dest => dest.Id, src => src.Id.ToString())
            .Map(dest => dest.Customer, src => src)
            .Map(dest => dest.AssigneeId, src => src.AssigneeId.HasValue ? src.AssigneeId.Value.ToString() : string.Empty)
            .Map(dest => dest.StartTime, src => src.StartedAt)
            .Map(dest => dest.UpdateTime, src => src.UpdatedAt)
            .Map(dest => dest.LastCustomerMessageTime, src => src.LastCustomerMessageAt)
            .Map(dest => dest.WindowExpireTime, src => src.WindowExpiresAt);

        config.NewConfig<Model.MessageContext, Api.MessageContext>();
        config.NewConfig<Model.AdReferral, Api.AdReferral>();
        config.NewConfig<Model.MessageError, Api.MessageError>();
        config.NewConfig<Model.MediaContent, Api.Media>().Ignore(dest => dest.PesanaiMediaId);
        config.NewConfig<Model.LocationContent, Api.Location>();
        config.NewConfig<Model.ContactPhone, Api.ContactPhone>();
        config.NewConfig<Model.ContactCard, Api.ContactCard>();
        config.NewConfig<Model.InteractiveReply, Api.InteractiveReply>();
        config.NewConfig<Model.ButtonReply, Api.ButtonReply>();
        config.NewConfig<Model.ReactionContent, Api.Reaction>();
        config.NewConfig<Model.OrderItem, Api.OrderItem>()
            .Map(dest => dest.ItemPrice, src => src.ItemPrice.ToString(CultureInfo.InvariantCulture));
        config.NewConfig<Model.OrderContent, Api.Order>();
        config.NewConfig<Model.SystemNotice, Api.SystemNotice>();

        config.NewConfig<MessageRecord, Api.Message>()
            .Map(dest => dest.Wamid, src => src.Wamid ?? (src.Direction == Model.MessageDirection.Inbound ? src.Id : string.Empty))
            .Map(dest => dest.MessageId, src => src.MessageId.HasValue ? src.MessageId.Value.ToString() : string.Empty)
            .Map(dest => dest.ConversationId, src => src.ConversationId.ToString())
            .Map(dest => dest.Type, src => src.Content.Type)
            .Map(dest => dest.SendTime, src => src.SentAt)
            .Map(dest => dest.RecordTime, src => src.RecordedAt)
            .Map(dest => dest.StatusTime, src => src.StatusAt)
            .Ignore(
                dest => dest.Text, dest => dest.Media, dest => dest.Location, dest => dest.Contacts, dest => dest.Interactive,
                dest => dest.Button, dest => dest.Reaction, dest => dest.Order, dest => dest.System, dest => dest.Raw)
            .AfterMapping((src, dest) => SetContent(dest, src, config));
    }

    /// <summary>By hand: the content is a oneof, and assigning any other case (even null) would clear the one that is set.</summary>
    private static void SetContent(Api.Message proto, MessageRecord record, TypeAdapterConfig config)
    {
        var content = record.Content;
        if (content.Text is { } text)
        {
            proto.Text = text;
        }
        else if (content.Media is { } media)
        {
            proto.Media = media.Adapt<Model.MediaContent, Api.Media>(config);

            // PesanAI's id of the file: an inbound one's is known from the wamid before it is fetched.
            proto.Media.PesanaiMediaId = record.Direction == Model.MessageDirection.Inbound && !string.IsNullOrEmpty(media.MediaId)
                ? MediaIds.Inbound(proto.Wamid).ToString()
                : media.StoredMediaId ?? string.Empty;
        }
        else if (content.Location is { } location)
        {
            proto.Location = location.Adapt<Model.LocationContent, Api.Location>(config);
        }
        else if (content.Contacts is { } cards)
        {
            proto.Contacts = new Api.Contacts { Cards = { cards.Select(card => card.Adapt<Model.ContactCard, Api.ContactCard>(config)) } };
        }
        else if (content.Interactive is { } interactive)
        {
            proto.Interactive = interactive.Adapt<Model.InteractiveReply, Api.InteractiveReply>(config);
        }
        else if (content.Button is { } button)
        {
            proto.Button = button.Adapt<Model.ButtonReply, Api.ButtonReply>(config);
        }
        else if (content.Reaction is { } reaction)
        {
            proto.Reaction = reaction.Adapt<Model.ReactionContent, Api.Reaction>(config);
        }
        else if (content.Order is { } order)
        {
            proto.Order = order.Adapt<Model.OrderContent, Api.Order>(config);
        }
        else if (content.System is { } notice)
        {
            proto.System = notice.Adapt<Model.SystemNotice, Api.SystemNotice>(config);
        }
        else if (content.RawJson is { } json)
        {
            proto.Raw = new Api.RawContent { Json = json };
        }
    }

    private static Api.DeliveryStatus ToProto(Model.DeliveryStatus status) => status switch
    {
        Model.DeliveryStatus.Accepted => Api.DeliveryStatus.Accepted,
        Model.DeliveryStatus.Sent => Api.DeliveryStatus.Sent,
        Model.DeliveryStatus.Delivered => Api.DeliveryStatus.Delivered,
        Model.DeliveryStatus.Read => Api.DeliveryStatus.Read,
        Model.DeliveryStatus.Played => Api.DeliveryStatus.Played,
        Model.DeliveryStatus.Failed => Api.DeliveryStatus.Failed,
        _ => Api.DeliveryStatus.Unspecified,
    };

    private static Model.ConversationState? ToDomain(Api.ConversationState state) => state switch
    {
        Api.ConversationState.Open => Model.ConversationState.Open,
        Api.ConversationState.Closed => Model.ConversationState.Closed,
        _ => null,
    };
}
