using Mapster;
using PesanAI.Application.Messaging;
using PesanAI.Application.Templates;
using PesanAI.Application.WhatsApp;
using PesanAI.Domain.Conversations;
using PesanAI.Domain.Messaging;
using Api = PesanAI.Protos.Messaging.V1;

namespace PesanAI.Host.Mapping;

/// <summary>Sending and templates. In requests, an empty optional string is null: the validators tell absent from set.</summary>
public sealed class MessagingMapping : IRegister
{
    public void Register(TypeAdapterConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);

        // Enums: the wire reserves 0 for UNSPECIFIED (null in a request, for the validator) and numbers the rest as the domain does.
        config.NewConfig<TemplateCategory, Api.TemplateCategory>().MapWith(category => (Api.TemplateCategory)(int)category);
        config.NewConfig<TemplateStatus, Api.TemplateStatus>().MapWith(status => (Api.TemplateStatus)(int)status);
        config.NewConfig<Api.TemplateCategory, TemplateCategory?>()
            .MapWith(category => category == Api.TemplateCategory.Unspecified ? null : (TemplateCategory)(int)category);
        config.NewConfig<Api.InDoubtResolution, InDoubtResolution?>().MapWith(resolution => ToDomain(resolution));

        // By hand: the content is a oneof, and each optional string is checked for emptiness one by one.
        config.NewConfig<Api.SendMessageRequest, SendMessage>().MapWith(request => ToCommand(request));
        config.NewConfig<Api.ResolveInDoubtRequest, ResolveInDoubt>()
            .Map(dest => dest.Note, src => Empty(src.Note));

        config.NewConfig<Api.TemplateComponent, TemplateComponent>()
            .Map(dest => dest.Format, src => Empty(src.Format))
            .Map(dest => dest.Text, src => Empty(src.Text));
        config.NewConfig<Api.RegisterTemplateRequest, RegisterTemplate>();

        config.NewConfig<TemplateComponent, Api.TemplateComponent>()
            .Map(dest => dest.ParameterCount, src => MessageTemplate.ParametersIn(src.Text));
        config.NewConfig<MessageTemplate, Api.Template>()
            .Map(dest => dest.CreateTime, src => src.CreatedAt)
            .Map(dest => dest.UpdateTime, src => src.UpdatedAt);
    }

    /// <summary>The origin is the caller's, not the request's: the service sets it.</summary>
    private static SendMessage ToCommand(Api.SendMessageRequest request) => new(
        Empty(request.ConversationId), Empty(request.PhoneNumberId), Empty(request.To), Content(request),
        Empty(request.ReplyToWamid), Empty(request.RequestId));

    /// <summary>An unspecified resolution is null: the validator names the field.</summary>
    private static InDoubtResolution? ToDomain(Api.InDoubtResolution resolution) => resolution switch
    {
        Api.InDoubtResolution.Resend => InDoubtResolution.Resend,
        Api.InDoubtResolution.Abandon => InDoubtResolution.Abandon,
        _ => null,
    };

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
            Media = new MediaSend(
                Empty(request.Media.MediaId), Empty(request.Media.Link), Empty(request.Media.Caption), Empty(request.Media.Filename), Empty(request.Media.PesanaiMediaId)),
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

    private static string? Empty(string value) => string.IsNullOrEmpty(value) ? null : value;
}
