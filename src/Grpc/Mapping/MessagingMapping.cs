using Google.Protobuf.WellKnownTypes;
using PesanAI.Application.Messaging;
using PesanAI.Application.Templates;
using PesanAI.Application.WhatsApp;
using PesanAI.Domain.Conversations;
using PesanAI.Domain.Messaging;
using Api = PesanAI.Protos.Messaging.V1;

namespace PesanAI.Host.Mapping;

/// <summary>Sending and templates between protobuf and the application, by hand: the content is a oneof.</summary>
public static class MessagingMapping
{
    public static SendMessage ToCommand(this Api.SendMessageRequest request, MessageOrigin origin)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new SendMessage(
            Empty(request.ConversationId), Empty(request.PhoneNumberId), Empty(request.To), Content(request),
            Empty(request.ReplyToWamid), Empty(request.RequestId), origin);
    }

    /// <summary>An unspecified resolution is null: the validator names the field.</summary>
    public static ResolveInDoubt ToCommand(this Api.ResolveInDoubtRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        InDoubtResolution? resolution = request.Resolution switch
        {
            Api.InDoubtResolution.Resend => InDoubtResolution.Resend,
            Api.InDoubtResolution.Abandon => InDoubtResolution.Abandon,
            _ => null,
        };
        return new ResolveInDoubt(request.MessageId, resolution, Empty(request.Note));
    }

    /// <summary>Null when no content was set: the validator names the missing field.</summary>
    private static OutboundContent? Content(Api.SendMessageRequest request) => request.ContentCase switch
    {
        Api.SendMessageRequest.ContentOneofCase.Text => new OutboundContent("text") { Text = request.Text.Body, PreviewUrl = request.Text.PreviewUrl },
        Api.SendMessageRequest.ContentOneofCase.Template => new OutboundContent("template")
        {
            Template = new TemplateSend(request.Template.Name, request.Template.Language, [.. request.Template.HeaderParameters], [.. request.Template.BodyParameters]),
        },
        Api.SendMessageRequest.ContentOneofCase.Media => new OutboundContent(MediaType(request.Media.Type))
        {
            Media = new MediaSend(Empty(request.Media.MediaId), Empty(request.Media.Link), Empty(request.Media.Caption), Empty(request.Media.Filename)),
        },
        Api.SendMessageRequest.ContentOneofCase.Interactive => new OutboundContent("interactive") { Interactive = Interactive(request.Interactive) },
        Api.SendMessageRequest.ContentOneofCase.Reaction => new OutboundContent("reaction") { Reaction = new ReactionContent(request.Reaction.MessageId, Empty(request.Reaction.Emoji)) },
        Api.SendMessageRequest.ContentOneofCase.Location => new OutboundContent("location")
        {
            Location = new LocationContent(request.Location.Latitude, request.Location.Longitude, Empty(request.Location.Name), Empty(request.Location.Address)),
        },
        Api.SendMessageRequest.ContentOneofCase.Contacts => new OutboundContent("contacts")
        {
            Contacts = [.. request.Contacts.Cards.Select(c => new ContactCard(
                c.FormattedName, [.. c.Phones.Select(p => new ContactPhone(p.Phone, Empty(p.WaId), Empty(p.Type)))], [.. c.Emails], Empty(c.Organization), Empty(c.Birthday)))],
        },
        _ => null,
    };

    private static InteractiveSend Interactive(Api.InteractiveContent interactive) => new(
        interactive.Sections.Count > 0 || interactive.ListButton.Length > 0 ? "list" : "button",
        interactive.Body,
        Empty(interactive.Header),
        Empty(interactive.Footer),
        [.. interactive.Buttons.Select(b => new ReplyButton(b.Id, b.Title))],
        Empty(interactive.ListButton),
        [.. interactive.Sections.Select(s => new ListSection(Empty(s.Title), [.. s.Rows.Select(r => new ListRow(r.Id, r.Title, Empty(r.Description)))]))]);

    /// <summary>An unset media type is not guessed: "media" is refused by the validator as a type that cannot be sent.</summary>
    private static string MediaType(Api.MediaType type) => type switch
    {
        Api.MediaType.Image => "image",
        Api.MediaType.Audio => "audio",
        Api.MediaType.Video => "video",
        Api.MediaType.Document => "document",
        Api.MediaType.Sticker => "sticker",
        _ => "media",
    };

    public static RegisterTemplate ToCommand(this Api.RegisterTemplateRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new RegisterTemplate(
            request.PhoneNumberId, request.Name, request.Language, request.Category == Api.TemplateCategory.Unspecified ? null : (TemplateCategory)(int)request.Category,
            [.. request.Components.Select(c => new TemplateComponent(c.Type, Empty(c.Format), Empty(c.Text)))]);
    }

    public static Api.Template ToProto(this MessageTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var proto = new Api.Template
        {
            Id = template.Id,
            PhoneNumberId = template.PhoneNumberId,
            Name = template.Name,
            Language = template.Language,
            Category = (Api.TemplateCategory)(int)template.Category,
            Status = (Api.TemplateStatus)(int)template.Status,
            Reason = template.Reason ?? string.Empty,
            MetaTemplateId = template.MetaTemplateId ?? string.Empty,
            HeaderParameters = template.HeaderParameters,
            BodyParameters = template.BodyParameters,
            CreateTime = Timestamp.FromDateTimeOffset(template.CreatedAt),
            UpdateTime = Timestamp.FromDateTimeOffset(template.UpdatedAt),
        };
        proto.Components.AddRange(template.Components.Select(c => new Api.TemplateComponent
        {
            Type = c.Type,
            Format = c.Format ?? string.Empty,
            Text = c.Text ?? string.Empty,
            ParameterCount = MessageTemplate.ParametersIn(c.Text),
        }));
        return proto;
    }

    private static string? Empty(string value) => string.IsNullOrEmpty(value) ? null : value;
}
