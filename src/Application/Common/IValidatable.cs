namespace PesanAI.Application.Common;

/// <summary>A request that can check its own shape; <see cref="ValidationBehavior{TMessage, TResponse}"/> runs the check.</summary>
public interface IValidatable
{
    IEnumerable<FieldViolation> Validate();
}
