extern alias client;

using client::PesanAI.Protos.Conversations.V1;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using PesanAI.FunctionalTests.Messaging;
using Events = PesanAI.Domain.Conversations;

namespace PesanAI.FunctionalTests.Automation;

/// <summary>The AI's decision on one customer message, read from the conversation's stream: the positive signal tests wait for.</summary>
internal static class AiDecisions
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    /// <summary>
    /// The AiReplied, AiHandedOff or AiSuppressed event on the customer message <paramref name="wamid"/> of the
    /// conversation with <paramref name="customer"/> (a wa_id or a user id). Fails after 20 s.
    /// </summary>
    public static async Task<object> OnAsync(PesanAiApp app, SendingTenant tenant, string customer, string wamid)
    {
        var deadline = DateTimeOffset.UtcNow + Deadline;
        while (true)
        {
            var conversation = (await tenant.Conversations.ListConversationsAsync(new ListConversationsRequest())).Conversations
                .FirstOrDefault(c => c.Customer.WaId == customer || c.Customer.UserId == customer);
            if (conversation is not null)
            {
                await using var session = app.Services.GetRequiredService<IDocumentStore>().QuerySession(tenant.TenantId);
                var decision = (await session.Events.FetchStreamAsync(Guid.Parse(conversation.Id))).Select(e => e.Data).FirstOrDefault(d => TriggerOf(d) == wamid);
                if (decision is not null)
                {
                    return decision;
                }
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, $"The AI recorded no decision on message {wamid} within 20 s.");
            await Task.Delay(100);
        }
    }

    private static string? TriggerOf(object e) => e switch
    {
        Events.AiReplied r => r.TriggerWamid,
        Events.AiHandedOff h => h.TriggerWamid,
        Events.AiSuppressed s => s.TriggerWamid,
        _ => null,
    };
}
