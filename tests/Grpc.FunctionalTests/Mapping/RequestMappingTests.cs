using System.Text.Json;
using Google.Protobuf.WellKnownTypes;
using MapsterMapper;
using PesanAI.Application.Audit;
using PesanAI.Application.Messaging;
using PesanAI.Application.Templates;
using PesanAI.Domain.Consent;
using PesanAI.Domain.Knowledge;
using PesanAI.Domain.Messaging;
using PesanAI.Domain.Tenants;
using PesanAI.Host.Mapping;
using AuditApi = PesanAI.Protos.Audit.V1;
using ConsentApi = PesanAI.Protos.Consent.V1;
using KnowledgeApi = PesanAI.Protos.Knowledge.V1;
using MessagingApi = PesanAI.Protos.Messaging.V1;
using TenantsApi = PesanAI.Protos.Tenants.V1;

namespace PesanAI.FunctionalTests.Mapping;

/// <summary>Requests to commands and queries: every field arrives, empty optional strings and UNSPECIFIED enums as null where the validators expect it.</summary>
public sealed class RequestMappingTests
{
    private static readonly Mapper Mapper = new(ProtoMapping.Build());

    private static readonly DateTimeOffset At = new(2026, 11, 24, 8, 30, 0, 123, TimeSpan.Zero);

    [Fact]
    public void Audit_requests_map_every_field()
    {
        var replay = new AuditApi.ReplayEventsRequest
        {
            AfterPosition = 5, StreamIds = { "s1", "s2" }, EventTypes = { "t" }, Actor = "a", StartTime = Timestamp.FromDateTimeOffset(At), EndTime = Timestamp.FromDateTimeOffset(At.AddDays(1)), MaxEvents = 9,
        };
        var list = new AuditApi.ListDataAccessRequest
        {
            PageSize = 3, PageToken = "p", Actor = "a", ResourceType = "member", ResourceId = "m", StartTime = Timestamp.FromDateTimeOffset(At),
        };

        AssertSame(new ReplayEvents(5, ["s1", "s2"], ["t"], "a", At, At.AddDays(1), 9), Mapper.Map<ReplayEvents>(replay));
        AssertSame(new ListDataAccess(3, "p", "a", "member", "m", At, null), Mapper.Map<ListDataAccess>(list));
    }

    [Fact]
    public void Tenant_and_consent_requests_map_every_field()
    {
        var profile = new TenantsApi.BusinessProfile { About = "a", Description = "d", Address = "ad", Email = "e", Websites = { "w1", "w2" }, Vertical = "v" };
        var settings = new ConsentApi.ConsentSettings { StopKeywords = { "STOP" }, StartKeywords = { "START", "MULAI" }, OptOutConfirmation = "out", OptInConfirmation = "in", Version = 3 };

        AssertSame(new BusinessProfile("a", "d", "ad", "e", ["w1", "w2"], "v"), Mapper.Map<BusinessProfile>(profile));
        AssertSame(new ConsentKeywordSettings(["STOP"], ["START", "MULAI"], "out", "in"), Mapper.Map<ConsentKeywordSettings>(settings));
        Assert.Null(Mapper.Map<BusinessProfile>(null!));
        Assert.Equal(MemberRole.Auditor, Mapper.Map<MemberRole?>(TenantsApi.MemberRole.Auditor));
        Assert.Null(Mapper.Map<MemberRole?>(TenantsApi.MemberRole.Unspecified));
        Assert.Null(Mapper.Map<CredentialKind?>((TenantsApi.CredentialKind)99));
        Assert.Equal(ConsentSource.WhatsApp, Mapper.Map<ConsentSource?>(ConsentApi.ConsentSource.Whatsapp));
        Assert.Equal(ConsentStatus.None, Mapper.Map<ConsentStatus?>(ConsentApi.ConsentStatus.None));
        Assert.Null(Mapper.Map<ConsentPurpose?>(ConsentApi.ConsentPurpose.Unspecified));
    }

    [Fact]
    public void Knowledge_requests_map_to_drafts()
    {
        var upsert = new KnowledgeApi.UpsertEntryRequest { EntryId = "e", Question = "q", Answer = "a", Tags = { "t1", "t2" }, Language = "id", ExpectedVersion = 4, Alternatives = { "q?", "kyu" } };
        var import = new KnowledgeApi.ImportEntry { Question = "q2", Answer = "a2", Language = "en", Alternatives = { "q two" } };

        AssertSame(new KnowledgeDraft("q", "a", ["t1", "t2"], "id") { Alternatives = ["q?", "kyu"] }, Mapper.Map<KnowledgeDraft>(upsert));
        AssertSame(new KnowledgeDraft("q2", "a2", [], "en") { Alternatives = ["q two"] }, Mapper.Map<KnowledgeDraft>(import));
    }

    [Fact]
    public void Messaging_requests_keep_empty_optional_strings_null()
    {
        var send = new MessagingApi.SendMessageRequest { To = "6281", Text = new MessagingApi.TextContent { Body = "halo", PreviewUrl = true }, RequestId = "r" };
        var resolve = new MessagingApi.ResolveInDoubtRequest { MessageId = "m", Resolution = MessagingApi.InDoubtResolution.Abandon };
        var register = new MessagingApi.RegisterTemplateRequest
        {
            PhoneNumberId = "123", Name = "n", Language = "id", Category = MessagingApi.TemplateCategory.Utility,
            Components = { new MessagingApi.TemplateComponent { Type = "BODY", Text = "Hi {{1}}" }, new MessagingApi.TemplateComponent { Type = "FOOTER", Format = "TEXT" } },
        };

        AssertSame(new SendMessage(null, null, "6281", new OutboundContent("text") { Text = "halo", PreviewUrl = true }, null, "r"), Mapper.Map<SendMessage>(send));
        AssertSame(new ResolveInDoubt("m", InDoubtResolution.Abandon, null), Mapper.Map<ResolveInDoubt>(resolve));
        Assert.Null(Mapper.Map<ResolveInDoubt>(new MessagingApi.ResolveInDoubtRequest { Note = "n" }).Resolution);
        AssertSame(
            new RegisterTemplate("123", "n", "id", TemplateCategory.Utility, [new TemplateComponent("BODY", null, "Hi {{1}}"), new TemplateComponent("FOOTER", "TEXT", null)]),
            Mapper.Map<RegisterTemplate>(register));
        Assert.Null(Mapper.Map<RegisterTemplate>(new MessagingApi.RegisterTemplateRequest()).Category);
    }

    [Fact]
    public void Typed_template_parameters_map_to_the_send()
    {
        var send = new MessagingApi.SendMessageRequest
        {
            ConversationId = "c",
            Template = new MessagingApi.TemplateContent
            {
                Name = "order_ready", Language = "id",
                Header = new MessagingApi.TemplateHeader { Image = new MessagingApi.TemplateHeaderMedia { PesanaiMediaId = "m-1" } },
                NamedBodyParameters = { new MessagingApi.TemplateNamedParameter { Name = "order_id", Text = "A-1" } },
                Buttons =
                {
                    new MessagingApi.TemplateButtonParameter { Index = 0, UrlSuffix = "A-1" },
                    new MessagingApi.TemplateButtonParameter { Index = 1, QuickReplyPayload = "stop" },
                    new MessagingApi.TemplateButtonParameter { Index = 2, Flow = new MessagingApi.TemplateFlowAction { FlowToken = "t", FlowActionDataJson = "{\"a\":1}" } },
                    new MessagingApi.TemplateButtonParameter { Index = 3 },
                },
            },
        };
        var location = new MessagingApi.SendMessageRequest
        {
            ConversationId = "c",
            Template = new MessagingApi.TemplateContent
            {
                Name = "store", Language = "id", BodyParameters = { "x" },
                Header = new MessagingApi.TemplateHeader { Location = new MessagingApi.LocationContent { Latitude = -6.2, Longitude = 106.8, Name = "Toko" } },
            },
        };

        AssertSame(
            new TemplateSend("order_ready", "id", [], ["A-1"])
            {
                BodyParameterNames = ["order_id"],
                Header = new TemplateHeaderSend("image", new MediaSend(null, null, StoredMediaId: "m-1")),
                Buttons = [new(0, "url", "A-1"), new(1, "quick_reply", "stop"), new(2, "flow", FlowToken: "t", FlowActionData: "{\"a\":1}"), new(3, "none")],
            },
            Mapper.Map<SendMessage>(send).Content!.Template);
        AssertSame(
            new TemplateSend("store", "id", [], ["x"]) { Header = new TemplateHeaderSend("location", Location: new(-6.2, 106.8, "Toko", null)) },
            Mapper.Map<SendMessage>(location).Content!.Template);
    }

    /// <summary>Records compare lists by reference: compare what they hold.</summary>
    private static void AssertSame<T>(T expected, T actual) => Assert.Equal(JsonSerializer.Serialize(expected), JsonSerializer.Serialize(actual));
}
