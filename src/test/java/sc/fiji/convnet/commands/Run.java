package sc.fiji.convnet.commands;

import java.util.concurrent.Future;

import org.scijava.command.Command;
import org.scijava.command.CommandService;
import org.scijava.module.Module;
import org.scijava.module.ModuleService;

/**
 * Runs a command as Fiji does, through the module service: our commands are {@code DynamicCommand}s (their model
 * lists are filled when the dialog opens), which {@code CommandService.run(Class, …)} does not run.
 */
final class Run {

	private Run() {}

	static Future<Module> command(CommandService commands, Class<? extends Command> command, boolean process, Object... inputs) {
		return commands.context().service(ModuleService.class).run(commands.getCommand(command), process, inputs);
	}
}
