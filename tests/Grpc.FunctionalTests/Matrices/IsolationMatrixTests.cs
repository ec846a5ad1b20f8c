extern alias client;

using client::PesanAI.Protos.Tenants.V1;
using Grpc.Core;
using PesanAI.FunctionalTests.Team;

namespace PesanAI.FunctionalTests.Matrices;

/// <summary>Tenant A's owner (every tenant scope) aims every RPC at tenant B's ids: nothing is found, nothing changes.</summary>
public sealed class IsolationMatrixTests(PesanAiApp app) : IClassFixture<PesanAiApp>
{
    [Fact]
    public async Task Tenant_A_reaches_none_of_tenant_Bs_resources_through_any_rpc()
    {
        var team = new TeamBuilder(app);
        var a = await team.Tenant("Toko A");
        var b = await team.Tenant("Toko B");
        var ownerA = await team.MemberCaller(a.Id, MemberRole.Owner);
        var ownerB = await team.MemberCaller(b.Id, MemberRole.Owner);
        var phone = TenantLifecycleTests.NewPhoneNumberId();
        await team.Operator.RegisterPhoneNumberAsync(TenantLifecycleTests.Registration(b.Id, phone));
        var inbound = new Inbound.InboundBed(app);
        var wamidB = Inbound.InboundBed.NewWamid();
        await inbound.PostAsync(
            Inbound.MetaPayloads.Text(phone, Inbound.InboundBed.NewWaId(), wamidB, "milik B", DateTimeOffset.UtcNow),
            TenantLifecycleTests.Registration(b.Id, phone).AppSecret);
        var conversationB = Assert.Single((await new client::PesanAI.Protos.Conversations.V1.ConversationService.ConversationServiceClient(ownerB.Channel)
            .ListConversationsAsync(new client::PesanAI.Protos.Conversations.V1.ListConversationsRequest())).Conversations);
        var knowledgeB = new client::PesanAI.Protos.Knowledge.V1.KnowledgeService.KnowledgeServiceClient(ownerB.Channel);
        var entryB = (await knowledgeB.UpsertEntryAsync(new client::PesanAI.Protos.Knowledge.V1.UpsertEntryRequest { Question = "Jam buka toko B?", Answer = "Jam 9 sampai 5." })).Entry;
        var outboundB = await OutboundMessageAsync(ownerB, conversationB.Id);
        var mediaB = new client::PesanAI.Protos.Media.V1.MediaService.MediaServiceClient(ownerB.Channel);
        var fileB = await Media.MediaBed.UploadAsync(mediaB, client::PesanAI.Protos.Messaging.V1.MediaType.Image, "image/png", Media.MediaBed.Bytes(100));
        var target = new Target(b.Id, ownerB.MemberId!, ownerB.ClientId, phone, conversationB.Id, conversationB.Customer.WaId, conversationB.Customer.CustomerId, wamidB, entryB.EntryId, outboundB, fileB.MediaId);
        var before = await team.Operator.GetTenantAsync(new GetTenantRequest { Id = b.Id });
        var conversationBefore = await new client::PesanAI.Protos.Conversations.V1.ConversationService.ConversationServiceClient(ownerB.Channel)
            .GetConversationAsync(new client::PesanAI.Protos.Conversations.V1.GetConversationRequest { ConversationId = conversationB.Id });
        var (_, token, _) = await TokenRequests.Request(app, ownerA.ClientId, ownerA.Secret);

        var channel = app.RawChannel();
        var leaks = new List<string>();
        foreach (var (service, method, streaming) in RpcCatalog.DeclaredMethods())
        {
            var entry = RpcCatalog.Entries[$"{service}/{method}"];
            var attempts = new List<(string Variant, Google.Protobuf.IMessage Request)> { ("naming tenant B", entry.Named(target)) };
            if (entry.Unnamed is { } unnamed)
            {
                attempts.Add(("with B's ids only", unnamed(target)));
            }

            foreach (var (variant, request) in attempts)
            {
                var (code, replies) = await RawRpc.Call(channel, service, method, streaming, request, token!);
                var refused = code is StatusCode.NotFound or StatusCode.PermissionDenied

                    // The platform-wide phone number registry answers "taken" without saying by whom.
                    || (method == "RegisterPhoneNumber" && code == StatusCode.AlreadyExists)

                    // The audit names no tenant: B's ids are only filters, which match nothing of A's.
                    || (entry.FiltersOnly && code == StatusCode.OK);
                var mentionsB = replies.Any(r => Mentions(r, target));
                if (!refused || mentionsB)
                {
                    leaks.Add($"{method} ({variant}): {code}{(mentionsB ? ", reply mentions tenant B" : string.Empty)}");
                }
            }
        }

        Assert.True(leaks.Count == 0, string.Join(Environment.NewLine, leaks));
        var after = await team.Operator.GetTenantAsync(new GetTenantRequest { Id = b.Id });
        Assert.Equal(before, after);
        var credentials = await team.Operator.ListCredentialsAsync(new ListCredentialsRequest { TenantId = b.Id });
        Assert.All(credentials.Credentials, c => Assert.Null(c.RevokeTime));
        await ownerB.Tenants.GetTenantAsync(new GetTenantRequest());
        var conversationAfter = await new client::PesanAI.Protos.Conversations.V1.ConversationService.ConversationServiceClient(ownerB.Channel)
            .GetConversationAsync(new client::PesanAI.Protos.Conversations.V1.GetConversationRequest { ConversationId = conversationB.Id });
        Assert.Equal(conversationBefore.Version, conversationAfter.Version);
        Assert.Empty(conversationAfter.Labels);
        Assert.Equal(entryB, Assert.Single((await knowledgeB.ListEntriesAsync(new client::PesanAI.Protos.Knowledge.V1.ListEntriesRequest())).Entries));
        Assert.Equal(Media.MediaBed.Bytes(100), (await Media.MediaBed.DownloadAsync(mediaB, fileB.MediaId)).Bytes);
    }

    /// <summary>
    /// One of B's outbound messages, settled before the matrix runs (B's number is not at the emulator: Meta refuses
    /// it), so the dispatcher no longer moves B's conversation.
    /// </summary>
    private static async Task<string> OutboundMessageAsync(Caller ownerB, string conversationId)
    {
        var messaging = new client::PesanAI.Protos.Messaging.V1.MessagingService.MessagingServiceClient(ownerB.Channel);
        var sent = await messaging.SendMessageAsync(new client::PesanAI.Protos.Messaging.V1.SendMessageRequest
        {
            ConversationId = conversationId,
            Text = new client::PesanAI.Protos.Messaging.V1.TextContent { Body = "balasan B" },
        });
        var deadline = DateTimeOffset.UtcNow.AddSeconds(15);
        while (true)
        {
            var message = await messaging.GetMessageAsync(new client::PesanAI.Protos.Messaging.V1.GetMessageRequest { MessageId = sent.Message.MessageId });
            if (message.SendState is client::PesanAI.Protos.Conversations.V1.SendState.Failed or client::PesanAI.Protos.Conversations.V1.SendState.Accepted)
            {
                return message.MessageId;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, $"B's message stayed {message.SendState}");
            await Task.Delay(50);
        }
    }

    /// <summary>Whether a serialized reply carries any of B's ids (strings are UTF-8 inside protobuf).</summary>
    private static bool Mentions(byte[] reply, Target target)
    {
        var hex = Convert.ToHexString(reply);
        return new[] { target.TenantId, target.MemberId, target.ClientId, target.PhoneNumberId, target.ConversationId, target.CustomerId, target.KnowledgeEntryId, target.OutboundMessageId, target.MediaId }
            .Where(id => id.Length > 0)
            .Any(id => hex.Contains(Convert.ToHexString(System.Text.Encoding.UTF8.GetBytes(id)), StringComparison.Ordinal));
    }
}
