extern alias client;

using System.Collections;
using client::PesanAI.Protos.Audit.V1;
using client::PesanAI.Protos.Tenants.V1;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using PesanAI.FunctionalTests.Matrices;
using Auto = client::PesanAI.Protos.Automation.V1;
using Conv = client::PesanAI.Protos.Conversations.V1;
using Cons = client::PesanAI.Protos.Consent.V1;
using Know = client::PesanAI.Protos.Knowledge.V1;
using Msg = client::PesanAI.Protos.Messaging.V1;

namespace PesanAI.FunctionalTests.Input;

/// <summary>
/// Values no handler should see (a NUL character, a Timestamp outside protobuf's range, an enum number the API
/// does not define) are refused before any handler runs, with INVALID_ARGUMENT naming the field, for every RPC.
/// </summary>
public sealed class RequestShapeTests(PesanAiApp app) : IClassFixture<PesanAiApp>
{
    private const string Nul = "a\0b";

    private static readonly Dictionary<string, (string Rpc, bool OperatorOnly, IMessage Request)> Cases = new()
    {
        ["tenant name"] = ("pesanai.tenants.v1.TenantService/CreateTenant", true, new CreateTenantRequest { DisplayName = Nul }),
        ["member name"] = ("pesanai.tenants.v1.TenantService/AddMember", false, new AddMemberRequest { DisplayName = Nul, Email = "a@b.example", Role = MemberRole.Agent }),
        ["nested profile field"] = ("pesanai.tenants.v1.TenantService/UpdateBusinessProfile", false, new UpdateBusinessProfileRequest { BusinessProfile = new BusinessProfile { About = Nul } }),
        ["repeated nested field"] = ("pesanai.tenants.v1.TenantService/UpdateBusinessProfile", false, new UpdateBusinessProfileRequest { BusinessProfile = new BusinessProfile { Websites = { "https://a.example", Nul } } }),
        ["label"] = ("pesanai.conversations.v1.ConversationService/SetLabels", false, new Conv.SetLabelsRequest { ConversationId = Guid.NewGuid().ToString(), Labels = { "vip", Nul } }),
        ["label filter"] = ("pesanai.conversations.v1.ConversationService/ListConversations", false, new Conv.ListConversationsRequest { Label = Nul }),
        ["audit filter"] = ("pesanai.audit.v1.AuditService/ListDataAccess", false, new ListDataAccessRequest { ResourceType = Nul }),
        ["oneof member"] = ("pesanai.messaging.v1.MessagingService/SendMessage", false, new Msg.SendMessageRequest { ConversationId = Guid.NewGuid().ToString(), Text = new Msg.TextContent { Body = Nul } }),
        ["repeated message"] = ("pesanai.knowledge.v1.KnowledgeService/ImportEntries", false, new Know.ImportEntriesRequest { Entries = { new Know.ImportEntry { Question = "q", Answer = "a" }, new Know.ImportEntry { Question = "q", Answer = Nul } } }),
        ["nested repeated string"] = ("pesanai.automation.v1.AutomationService/UpdateAiSettings", false, new Auto.UpdateAiSettingsRequest { Settings = new Auto.AiSettings { HandOffKeywords = { Nul } } }),
        ["timestamp out of range"] = ("pesanai.conversations.v1.ConversationService/ListConversations", false, new Conv.ListConversationsRequest { UpdatedSince = new Timestamp { Seconds = -99999999999999, Nanos = 2000000000 } }),
        ["timestamp nanos"] = ("pesanai.audit.v1.AuditService/ListDataAccess", false, new ListDataAccessRequest { EndTime = new Timestamp { Seconds = 1, Nanos = -1 } }),
        ["timestamp after 9999"] = ("pesanai.consent.v1.ConsentService/RecordOptIn", false, new Cons.RecordOptInRequest { WaId = "628123456789", Purpose = Cons.ConsentPurpose.Marketing, Source = Cons.ConsentSource.Api, CollectTime = new Timestamp { Seconds = 253402300800 } }),
        ["unknown filter enum"] = ("pesanai.conversations.v1.ConversationService/ListConversations", false, new Conv.ListConversationsRequest { State = (Conv.ConversationState)99 }),
        ["unknown template category"] = ("pesanai.messaging.v1.TemplateService/RegisterTemplate", false, new Msg.RegisterTemplateRequest
        {
            PhoneNumberId = "123456",
            Name = "promo",
            Language = "id",
            Category = (Msg.TemplateCategory)99,
            Components = { new Msg.TemplateComponent { Type = "BODY", Text = "Halo" } },
        }),
    };

    [Theory]
    [InlineData("tenant name", "display_name")]
    [InlineData("member name", "display_name")]
    [InlineData("nested profile field", "business_profile.about")]
    [InlineData("repeated nested field", "business_profile.websites[1]")]
    [InlineData("label", "labels[1]")]
    [InlineData("label filter", "label")]
    [InlineData("audit filter", "resource_type")]
    [InlineData("oneof member", "text.body")]
    [InlineData("repeated message", "entries[1].answer")]
    [InlineData("nested repeated string", "settings.hand_off_keywords[0]")]
    [InlineData("timestamp out of range", "updated_since")]
    [InlineData("timestamp nanos", "end_time")]
    [InlineData("timestamp after 9999", "collect_time")]
    [InlineData("unknown filter enum", "state")]
    [InlineData("unknown template category", "category")]
    public async Task A_poison_value_is_invalid_argument_naming_the_field(string name, string field)
    {
        var callers = await InputCallers.CreateAsync(app);
        var (rpc, operatorOnly, request) = Cases[name];

        var (code, badRequest) = await RawCall.Send(app.RawChannel(), rpc, serverStreaming: false, request.ToByteArray(), callers.For(operatorOnly));

        Assert.Equal(StatusCode.InvalidArgument, code);
        Assert.NotNull(badRequest);
        Assert.Equal(field, Assert.Single(badRequest.FieldViolations).Field);
    }

    [Fact]
    public async Task Every_rpc_refuses_a_nul_character_in_a_string_field_naming_it()
    {
        var callers = await InputCallers.CreateAsync(app);
        var target = new Target(Guid.NewGuid().ToString(), Guid.NewGuid().ToString(), "client-x", "123456", Guid.NewGuid().ToString(), "628123456789", Guid.NewGuid().ToString(), "wamid.X", Guid.NewGuid().ToString(), Guid.NewGuid().ToString());
        var wrong = new List<string>();
        var checkedRpcs = 0;
        foreach (var (service, method, streaming) in RpcCatalog.DeclaredMethods())
        {
            var entry = RpcCatalog.Entries[$"{service}/{method}"];
            var request = entry.Named(target);
            if (Poison(request, string.Empty) is not { } path)
            {
                // A request without any string field (GetAiSettings, WatchConversations, ...) has nothing to poison.
                continue;
            }

            checkedRpcs++;
            var (code, badRequest) = await RawCall.Send(app.RawChannel(), $"{service}/{method}", streaming, request.ToByteArray(), callers.For(entry.OperatorOnly));
            if (code != StatusCode.InvalidArgument || badRequest?.FieldViolations.Any(v => v.Field == path) != true)
            {
                wrong.Add($"{method} ({path}): {code} [{string.Join(", ", badRequest?.FieldViolations.Select(v => v.Field) ?? [])}]");
            }
        }

        Assert.True(checkedRpcs > 30, $"only {checkedRpcs} RPCs had a string field");
        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }

    /// <summary>Puts a NUL into the first string field of the request (depth first) and returns that field's path.</summary>
    private static string? Poison(IMessage message, string prefix)
    {
        foreach (var field in message.Descriptor.Fields.InDeclarationOrder().Where(f => f.FieldType == FieldType.String && !f.IsMap))
        {
            if (!field.IsRepeated)
            {
                field.Accessor.SetValue(message, Nul);
                return prefix + field.Name;
            }

            var list = (IList)field.Accessor.GetValue(message);
            list.Add(Nul);
            return $"{prefix}{field.Name}[{list.Count - 1}]";
        }

        foreach (var field in message.Descriptor.Fields.InDeclarationOrder().Where(f => f.FieldType == FieldType.Message && !f.IsMap))
        {
            var value = field.Accessor.GetValue(message);
            var (nested, path) = field.IsRepeated
                ? (((IList)value).Count > 0 ? (IMessage?)((IList)value)[0] : null, $"{prefix}{field.Name}[0].")
                : ((IMessage?)value, $"{prefix}{field.Name}.");
            if (nested is not null && Poison(nested, path) is { } poisoned)
            {
                return poisoned;
            }
        }

        return null;
    }
}
