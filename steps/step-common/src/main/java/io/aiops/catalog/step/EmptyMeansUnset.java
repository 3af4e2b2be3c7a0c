package io.aiops.catalog.step;

import java.util.List;
import java.util.Map;
import java.util.Stack;
import picocli.CommandLine.IParameterPreprocessor;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * Tekton substitutes an unset optional param as "": {@code --threshold=$(params.threshold)} arrives as
 * {@code --threshold=}. Every option of every step therefore reads an empty value as "not given", so its default
 * applies and no step has to test for blank strings itself. A required option given empty is a usage error that
 * says so.
 */
final class EmptyMeansUnset implements IParameterPreprocessor {
  private final IParameterPreprocessor next;

  private EmptyMeansUnset(IParameterPreprocessor next) {
    this.next = next;
  }

  /** Rebuilds every option that takes a value, in the command and its subcommands, with this rule in front. */
  static void applyTo(CommandSpec spec) {
    List<OptionSpec> options = List.copyOf(spec.options());
    options.forEach(spec::remove); // all of them, and back in their order: help may list options unsorted
    for (OptionSpec option : options) {
      boolean takesValue = option.arity().max() > 0 && !option.usageHelp() && !option.versionHelp();
      spec.addOption(takesValue
          ? OptionSpec.builder(option).preprocessor(new EmptyMeansUnset(option.preprocessor())).build()
          : option);
    }
    spec.subcommands().values().forEach(sub -> applyTo(sub.getCommandSpec()));
  }

  @Override
  public boolean preprocess(Stack<String> args, CommandSpec command, ArgSpec arg, Map<String, Object> info) {
    if (!args.isEmpty() && args.peek().isEmpty()) {
      args.pop();
      OptionSpec option = (OptionSpec) arg;
      if (option.required()) {
        throw new ParameterException(command.commandLine(), "Option '" + option.longestName()
            + "' is required but was given empty (an unset Tekton param arrives as \"\"): give it a value", arg, "");
      }
      return true; // consumed: the option keeps its default
    }
    return next != null && next.preprocess(args, command, arg, info);
  }
}
