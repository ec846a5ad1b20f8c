using Mediator;

namespace PesanAI.Application.Common;

/// <summary>Refuses a request whose shape is wrong before its handler runs, naming every bad field.</summary>
public sealed class ValidationBehavior<TMessage, TResponse> : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (message is IValidatable validatable)
        {
            var violations = validatable.Validate().ToList();
            if (violations.Count > 0)
            {
                throw new ValidationException(violations);
            }
        }

        return next(message, cancellationToken);
    }
}
