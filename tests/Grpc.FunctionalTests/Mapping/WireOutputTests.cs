using System.Text;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using MapsterMapper;
using PesanAI.Host.Mapping;
using static PesanAI.FunctionalTests.Mapping.MappingSamples;
using AuditApi = PesanAI.Protos.Audit.V1;
using AutomationApi = PesanAI.Protos.Automation.V1;
using ConsentApi = PesanAI.Protos.Consent.V1;
using ConversationsApi = PesanAI.Protos.Conversations.V1;
using KnowledgeApi = PesanAI.Protos.Knowledge.V1;
using OperationsApi = PesanAI.Protos.Operations.V1;
using MessagingApi = PesanAI.Protos.Messaging.V1;
using TenantsApi = PesanAI.Protos.Tenants.V1;

namespace PesanAI.FunctionalTests.Mapping;

/// <summary>
/// What every response mapping puts on the wire, pinned: each domain type, fully populated (and sparse), maps to
/// exactly the JSON it mapped to before mapping moved to Mapster, and a fully populated one leaves no proto field
/// unset, so a convention that silently drops a field fails here.
/// </summary>
public sealed class WireOutputTests
{
    private static readonly Mapper Mapper = new(ProtoMapping.Build());

    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(true));

    public static TheoryData<string> Names => [.. Cases().Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public void A_domain_value_maps_to_the_same_wire_output_as_before(string name)
    {
        var json = Formatter.Format(Cases()[name]());

        Assert.Equal(WireSnapshots.Expected[name], json);
    }

    [Theory]
    [InlineData("tenant")]
    [InlineData("member")]
    [InlineData("credential-revoked")]
    [InlineData("ai-settings")]
    [InlineData("consent-settings")]
    [InlineData("audit-event")]
    [InlineData("customer-consent")]
    [InlineData("consent-change")]
    [InlineData("conversation")]
    [InlineData("message-media")]
    [InlineData("message-contacts")]
    [InlineData("message-interactive")]
    [InlineData("message-order")]
    [InlineData("message-location")]
    [InlineData("message-system")]
    [InlineData("knowledge-upsert")]
    [InlineData("knowledge-page")]
    [InlineData("knowledge-import")]
    [InlineData("knowledge-reply")]
    [InlineData("template")]
    [InlineData("inbound-backlog")]
    [InlineData("parked-webhook")]
    public void A_fully_populated_value_sets_every_proto_field(string name)
    {
        var unset = new List<string>();
        Unset(Cases()[name](), string.Empty, unset);

        Assert.Empty(unset.Except(NotSetByDesign));
    }

    /// <summary>The sparse parts of the samples, kept sparse on purpose: they pin what an absent value becomes on the wire.</summary>
    private static readonly string[] NotSetByDesign =
    [
        ".purposes[1].evidence", ".purposes[1].all_purposes", ".all_purposes",
        ".purposes[2].source", ".purposes[2].evidence", ".purposes[2].collect_time", ".purposes[2].record_time", ".purposes[2].all_purposes",
        ".errors[1].message", ".errors[1].details", ".contacts.cards[0].phones[1].wa_id", ".contacts.cards[0].phones[1].type",
        ".entries[1].tags", ".components[1].format", ".components[2].format", ".components[2].text", ".components[2].parameter_count",
        ".components[0].buttons", ".components[1].buttons", ".components[2].buttons", ".components[3].format", ".components[3].text",
        ".components[3].parameter_count", ".components[3].buttons[0].phone_number", ".components[3].buttons[0].otp_type",
        ".components[3].buttons[1].url", ".components[3].buttons[1].otp_type", ".components[3].buttons[1].parameter_kind", ".body_parameter_names",
    ];

    private static void Unset(IMessage message, string path, List<string> unset)
    {
        foreach (var field in message.Descriptor.Fields.InDeclarationOrder())
        {
            var value = field.Accessor.GetValue(message);
            var at = $"{path}.{field.Name}";
            if (field.RealContainingOneof is { } oneof && oneof.Accessor.GetCaseFieldDescriptor(message) != field)
            {
                continue;
            }

            switch (value)
            {
                case null:
                case string s when s.Length == 0:
                case bool b when !b:
                case int i when i == 0:
                case long l when l == 0:
                case double d when d == 0:
                case System.Enum e when Convert.ToInt32(e, System.Globalization.CultureInfo.InvariantCulture) == 0:
                    unset.Add(at);
                    break;
                case System.Collections.IList list when list.Count == 0:
                    unset.Add(at);
                    break;
                case System.Collections.IList list when field.FieldType == FieldType.Message:
                    for (var n = 0; n < list.Count; n++)
                    {
                        Unset((IMessage)list[n]!, $"{at}[{n}]", unset);
                    }

                    break;
                case IMessage nested when field.MessageType.FullName is not "google.protobuf.Timestamp" and not "google.protobuf.Duration":
                    Unset(nested, at, unset);
                    break;
            }
        }
    }

    private static Dictionary<string, Func<IMessage>> Cases()
    {
        var cases = new Dictionary<string, Func<IMessage>>
        {
            ["tenant"] = () => Mapper.Map<TenantsApi.Tenant>(Tenant),
            ["tenant-new"] = () => Mapper.Map<TenantsApi.Tenant>(NewTenant),
            ["member"] = () => Mapper.Map<TenantsApi.Member>(Member),
            ["credential-revoked"] = () => Mapper.Map<TenantsApi.Credential>(RevokedCredential),
            ["credential-application"] = () => Mapper.Map<TenantsApi.Credential>(ApplicationCredential),
            ["ai-settings"] = () => Mapper.Map<AutomationApi.AiSettings>(Tenant),
            ["ai-settings-default"] = () => Mapper.Map<AutomationApi.AiSettings>(NewTenant),
            ["consent-settings"] = () => Mapper.Map<ConsentApi.ConsentSettings>(Tenant),
            ["audit-event"] = () => Mapper.Map<AuditApi.AuditEvent>(Recorded),
            ["audit-event-sparse"] = () => Mapper.Map<AuditApi.AuditEvent>(SparseRecorded),
            ["data-access"] = () => Mapper.Map<AuditApi.ListDataAccessResponse>(DataAccess),
            ["customer-consent"] = () => Mapper.Map<ConsentApi.CustomerConsent>(ConsentView),
            ["customer-consent-none"] = () => Mapper.Map<ConsentApi.CustomerConsent>(NoConsent),
            ["customer-consent-record"] = () => Mapper.Map<ConsentApi.CustomerConsent>(Ledger),
            ["consent-change"] = () => Mapper.Map<ConsentApi.ConsentChange>(Change),
            ["consent-change-sparse"] = () => Mapper.Map<ConsentApi.ConsentChange>(SparseChange),
            ["conversation"] = () => Mapper.Map<ConversationsApi.Conversation>(Conversation),
            ["conversation-sparse"] = () => Mapper.Map<ConversationsApi.Conversation>(SparseConversation),
            ["knowledge-entry"] = () => Mapper.Map<KnowledgeApi.KnowledgeEntry>(Entry),
            ["knowledge-upsert"] = () => Mapper.Map<KnowledgeApi.UpsertEntryResponse>(Upserted),
            ["knowledge-page"] = () => Mapper.Map<KnowledgeApi.ListEntriesResponse>(EntryPage),
            ["knowledge-import"] = () => Mapper.Map<KnowledgeApi.ImportEntriesResponse>(Import),
            ["knowledge-reply"] = () => Mapper.Map<KnowledgeApi.TestReplyResponse>(Reply),
            ["knowledge-handoff"] = () => Mapper.Map<KnowledgeApi.TestReplyResponse>(HandOff),
            ["template"] = () => Mapper.Map<MessagingApi.Template>(Template),
            ["template-pending"] = () => Mapper.Map<MessagingApi.Template>(PendingTemplate),
            ["template-named"] = () => Mapper.Map<MessagingApi.Template>(NamedTemplate),
            ["template-sync"] = () => Mapper.Map<MessagingApi.SyncTemplatesResponse>(Sync),
            ["inbound-backlog"] = () => Mapper.Map<OperationsApi.InboundBacklog>(Backlog),
            ["inbound-backlog-empty"] = () => Mapper.Map<OperationsApi.InboundBacklog>(EmptyBacklog),
            ["parked-webhook"] = () => Mapper.Map<OperationsApi.ParkedWebhook>(Parked),
            ["parked-webhook-whole"] = () => Mapper.Map<OperationsApi.ParkedWebhook>(ParkedWhole),
        };
        foreach (var (kind, message) in Messages)
        {
            cases[$"message-{kind}"] = () => Mapper.Map<ConversationsApi.Message>(message);
        }

        return cases;
    }

    /// <summary>Run once with PESANAI_WRITE_WIRE_SNAPSHOTS=path to (re)write WireSnapshots.cs from the current mapping.</summary>
    [Fact]
    public void Snapshots_cover_every_case()
    {
        var path = Environment.GetEnvironmentVariable("PESANAI_WRITE_WIRE_SNAPSHOTS");
        if (!string.IsNullOrEmpty(path))
        {
            var code = new StringBuilder();
            code.AppendLine("namespace PesanAI.FunctionalTests.Mapping;").AppendLine()
                .AppendLine("/// <summary>The wire output of every response mapping, as the hand-written mapping produced it before Mapster.</summary>")
                .AppendLine("internal static class WireSnapshots").AppendLine("{")
                .AppendLine("    public static IReadOnlyDictionary<string, string> Expected { get; } = new Dictionary<string, string>").AppendLine("    {");
            foreach (var (name, map) in Cases())
            {
                code.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"        [\"{name}\"] = \"\"\"\"{Formatter.Format(map())}\"\"\"\",");
            }

            code.AppendLine("    };").AppendLine("}");
            File.WriteAllText(path, code.ToString());
        }

        Assert.Equal(Cases().Keys.Order(StringComparer.Ordinal), WireSnapshots.Expected.Keys.Order(StringComparer.Ordinal));
    }
}
