using Mediator;

namespace PesanAI.Application.Audit;

/// <summary>
/// Records a data-access event in the tenant's access stream for every personal-data read, committed
/// before the data goes back; if it cannot be recorded, the read fails.
/// </summary>
public sealed class DataAccessBehavior<TMessage, TResponse>(DataAccessRecorder recorder)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(next);
        var result = await next(message, cancellationToken);
        if (message is IPersonalDataRead<TResponse> read)
        {
            await recorder.RecordAsync(read.DescribeAccess(result), cancellationToken);
        }

        return result;
    }
}
