using Mapster;
using PesanAI.Application.Messaging;
using PesanAI.Application.Templates;
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

        config.NewConfig<Api.TemplateComponent, TemplateComponent>().MapWith(c => new TemplateComponent(c.Type, Empty(c.Format), Empty(c.Text))
        {
            Buttons = c.Buttons.Select(b => new TemplateButton(b.Type, Empty(b.Text), Empty(b.Url), Empty(b.PhoneNumber), Empty(b.OtpType))).ToList(),
        });
        config.NewConfig<Api.RegisterTemplateRequest, RegisterTemplate>();

        config.NewConfig<TemplateParameterFormat, Api.TemplateParameterFormat>().MapWith(format => (Api.TemplateParameterFormat)(int)format);
        config.NewConfig<TemplateQuality, Api.TemplateQuality>().MapWith(quality => (Api.TemplateQuality)(int)quality);
        config.NewConfig<TemplateButton, Api.TemplateButton>()
            .Map(dest => dest.ParameterKind, src => TemplateSendCheck.SubTypeOf(src) ?? string.Empty);
        config.NewConfig<TemplateComponent, Api.TemplateComponent>()
            .Map(dest => dest.ParameterCount, src => TemplatePlaceholders.In(src.Text).Count);
        config.NewConfig<MessageTemplate, Api.Template>()
            .Map(dest => dest.Id, src => src.Key)
            .Map(dest => dest.HeaderParameters, src => src.Shape.HeaderPlaceholders.Count)
            .Map(dest => dest.BodyParameters, src => src.Shape.BodyPlaceholders.Count)
            .Map(dest => dest.BodyParameterNames, src => src.ParameterFormat == TemplateParameterFormat.Named ? src.Shape.BodyPlaceholders : Array.Empty<string>())
            .Map(dest => dest.HeaderFormat, src => src.Shape.HeaderFormat ?? string.Empty)
            .Map(dest => dest.UpcomingCategory, src => src.UpcomingCategory.HasValue ? (Api.TemplateCategory)(int)src.UpcomingCategory.Value : Api.TemplateCategory.Unspecified)
            .Map(dest => dest.UpcomingCategoryTime, src => src.UpcomingCategoryAt)
            .Map(dest => dest.CreateTime, src => src.CreatedAt)
            .Map(dest => dest.UpdateTime, src => src.UpdatedAt);
        config.NewConfig<TemplateSyncResult, Api.SyncTemplatesResponse>()
            .Map(dest => dest.Imported, src => src.Counts.Imported)
            .Map(dest => dest.Updated, src => src.Counts.Updated)
            .Map(dest => dest.Unchanged, src => src.Counts.Unchanged)
            .Map(dest => dest.Removed, src => src.Counts.Removed)
            .Map(dest => dest.Skipped, src => src.Counts.Skipped);
    }

    private static TemplateSend Template(Api.TemplateContent template)
    {
        var named = template.NamedBodyParameters.Count > 0;
        return new TemplateSend(
            template.Name, template.Language, [.. template.HeaderParameters],
            named ? [.. template.NamedBodyParameters.Select(p => p.Text)] : [.. template.BodyParameters])
        {
            BodyParameterNames = named ? [.. template.NamedBodyParameters.Select(p => p.Name)] : null,
            Header = template.Header?.KindCase switch
            {
                Api.TemplateHeader.KindOneofCase.Image => new TemplateHeaderSend("image", HeaderMedia(template.Header.Image)),
                Api.TemplateHeader.KindOneofCase.Video => new TemplateHeaderSend("video", HeaderMedia(template.Header.Video)),
                Api.TemplateHeader.KindOneofCase.Document => new TemplateHeaderSend("document", HeaderMedia(template.Header.Document)),
                Api.TemplateHeader.KindOneofCase.Location => new TemplateHeaderSend("location", Location: new LocationContent(
                    template.Header.Location.Latitude, template.Header.Location.Longitude, Empty(template.Header.Location.Name), Empty(template.Header.Location.Address))),
                _ => null,
            },
            Buttons = [.. template.Buttons.Select(b => b.KindCase switch
            {
                Api.TemplateButtonParameter.KindOneofCase.QuickReplyPayload => new TemplateButtonSend(b.Index, "quick_reply", Empty(b.QuickReplyPayload)),
                Api.TemplateButtonParameter.KindOneofCase.UrlSuffix => new TemplateButtonSend(b.Index, "url", Empty(b.UrlSuffix)),
                Api.TemplateButtonParameter.KindOneofCase.CouponCode => new TemplateButtonSend(b.Index, "copy_code", Empty(b.CouponCode)),
                Api.TemplateButtonParameter.KindOneofCase.Otp => new TemplateButtonSend(b.Index, "otp", Empty(b.Otp)),
                Api.TemplateButtonParameter.KindOneofCase.Flow => new TemplateButtonSend(
                    b.Index, "flow", FlowToken: Empty(b.Flow.FlowToken), FlowActionData: Empty(b.Flow.FlowActionDataJson)),
                _ => new TemplateButtonSend(b.Index, "none"),
            })],
        };
    }

    private static MediaSend HeaderMedia(Api.TemplateHeaderMedia media) =>
        new(Empty(media.MediaId), Empty(media.Link), Filename: Empty(media.Filename), StoredMediaId: Empty(media.PesanaiMediaId));

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
            Template = Template(request.Template),
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
