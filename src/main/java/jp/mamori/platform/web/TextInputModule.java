package jp.mamori.platform.web;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.jackson.JsonNodeDeserializer;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Applies {@link TextInput} to every string the JSON converter reads into a request body, so no
 * endpoint, present or future, can forget it: each {@code String} (also inside lists and arrays) and every text
 * and property name of a free-form {@code JsonNode}. A field annotated {@link MultilineText} may
 * hold line breaks; free-form trees may too, but no control characters.
 */
final class TextInputModule extends SimpleModule {

	private static final long serialVersionUID = 1L;

	TextInputModule() {
		super("mamori-text-input");
		addDeserializer(String.class, new GuardedString(false));
		addDeserializer(JsonNode.class, new GuardedTree());
	}

	/** The standard string deserializer, then the check. */
	static final class GuardedString extends StdScalarDeserializer<String> {

		private final boolean multiline;

		GuardedString(boolean multiline) {
			super(String.class);
			this.multiline = multiline;
		}

		@Override
		public ValueDeserializer<?> createContextual(DeserializationContext context, BeanProperty property) {
			boolean declared = property != null && property.getAnnotation(MultilineText.class) != null;
			return (declared == this.multiline) ? this : new GuardedString(declared);
		}

		@Override
		public String deserialize(JsonParser parser, DeserializationContext context) {
			String value = StringDeserializer.instance.deserialize(parser, context);
			if (TextInput.check(value, this.multiline) != null) {
				throw new TextInputException(parser);
			}
			return value;
		}

		@Override
		public Object getEmptyValue(DeserializationContext context) {
			return "";
		}

	}

	/** The standard tree deserializer, then a walk over every text and property name of the tree. */
	static final class GuardedTree extends StdScalarDeserializer<JsonNode> {

		@SuppressWarnings("unchecked")
		private static final ValueDeserializer<JsonNode> trees = (ValueDeserializer<JsonNode>) JsonNodeDeserializer
			.getDeserializer(JsonNode.class);

		GuardedTree() {
			super(JsonNode.class);
		}

		@Override
		public JsonNode deserialize(JsonParser parser, DeserializationContext context) {
			JsonNode tree = trees.deserialize(parser, context);
			if (holdsControls(tree)) {
				throw new TextInputException(parser);
			}
			return tree;
		}

		@Override
		public Object getNullValue(DeserializationContext context) {
			return trees.getNullValue(context);
		}

		@Override
		public Object getAbsentValue(DeserializationContext context) {
			return trees.getAbsentValue(context);
		}

		private static boolean holdsControls(JsonNode node) {
			if (node.isString()) {
				return TextInput.forbiddenEverywhere(node.asString());
			}
			for (String name : node.propertyNames()) {
				if (TextInput.forbiddenEverywhere(name)) {
					return true;
				}
			}
			for (JsonNode child : node) {
				if (holdsControls(child)) {
					return true;
				}
			}
			return false;
		}

	}

}
