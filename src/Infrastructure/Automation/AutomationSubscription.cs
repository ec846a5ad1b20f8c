using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PesanAI.Application.Automation;
using PesanAI.Domain.Conversations;

namespace PesanAI.Infrastructure.Automation;

/// <summary>
/// The async daemon's feed of customer messages to the AI, after they committed (intake never waits for the AI): it
/// only turns each event into a <see cref="ReplyToCustomer"/> request for the mediator. A page's conversations are answered concurrently, each conversation's messages in order. A failed
/// decision is logged (without content) and does not stop the feed; the customer's message is stored regardless.
/// </summary>
public sealed partial class AutomationSubscription : SubscriptionBase
{
    private readonly IServiceScopeFactory _scopes;
    private readonly ILogger<AutomationSubscription> _logger;

    public AutomationSubscription(IServiceScopeFactory scopes, ILogger<AutomationSubscription> logger)
    {
        _scopes = scopes;
        _logger = logger;
        Name = "automation";
        IncludeType<MessageReceived>();
    }

    public override async Task<IChangeListener> ProcessEventsAsync(
        EventRange page, ISubscriptionController controller, IDocumentOperations operations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        var conversations = page.Events
            .Where(e => e.Data is MessageReceived && Guid.TryParse(e.TenantId, out _))
            .GroupBy(e => ((MessageReceived)e.Data).ConversationId);
        await Task.WhenAll(conversations.Select(async conversation =>
        {
            foreach (var e in conversation)
            {
                await AnswerAsync(Guid.Parse(e.TenantId), (MessageReceived)e.Data, cancellationToken);
            }
        }));
        return NullChangeListener.Instance;
    }

    private async Task AnswerAsync(Guid tenantId, MessageReceived received, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = _scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ReplyToCustomer(tenantId, received), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(ex, received.ConversationId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The AI could not decide on a message of conversation {ConversationId}")]
    private partial void LogFailed(Exception exception, Guid conversationId);
}
