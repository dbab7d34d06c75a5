import {
  ButtonStyle,
  ComponentType,
  MessageFlags,
  TextInputStyle,
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIModalInteractionResponseCallbackData,
  type RawFile,
} from 'discord.js';
import { encodeAction, type ButtonAction } from '../../core/actions/button-action.js';
import { translate } from '../i18n/i18n.js';
import { text, type Button, type Reply } from '../replies/reply.js';
import { fitText, LIMITS } from '../replies/text-limits.js';

/** custom_id of the button that opens the code form, and of the form itself. */
export const ENTER_CODE = 'code';
export const CODE_FORM = 'confirm';
export const CODE_FIELD = 'code';

/** A Discord message body: text, buttons, files, and never a ping from user-supplied text. */
export interface DiscordMessage {
  body: {
    content: string;
    components: APIActionRowComponent<APIButtonComponent>[];
    allowed_mentions: { parse: [] };
    flags?: number;
  };
  files: RawFile[];
}

type Style = ButtonStyle.Primary | ButtonStyle.Secondary | ButtonStyle.Danger;

function styleOf(action: ButtonAction): Style {
  if (action.kind === 'pay_request') return ButtonStyle.Primary;
  if (action.kind === 'freeze') return ButtonStyle.Danger;
  return ButtonStyle.Secondary;
}

/** A button as Discord shows it: the reply's buttons by their encoded action, the code form's by its own id. */
interface Shown {
  label: Button['label'];
  customId: string;
  style: Style;
}

function buttonsOf(buttons: Shown[], locale: string): APIActionRowComponent<APIButtonComponent>[] {
  const rows: APIActionRowComponent<APIButtonComponent>[] = [];
  for (const [i, button] of buttons.entries()) {
    // Discord allows 100 characters of custom_id; actions are short (`pay:123`), so a longer one is a bug
    if (button.customId.length > 100) throw new Error(`custom_id over 100 characters: ${button.customId}`);
    if (i % 5 === 0) rows.push({ type: ComponentType.ActionRow, components: [] });
    rows.at(-1)!.components.push({
      type: ComponentType.Button,
      style: button.style,
      label: fitText(translate(locale, button.label), LIMITS.discord.buttonLabel),
      custom_id: button.customId,
    });
  }
  return rows;
}

export function contentOf(reply: Reply, locale: string): string {
  return fitText(reply.lines.map((line) => translate(locale, line)).join('\n'), LIMITS.discord.content);
}

/**
 * A reply as a Discord message. A reply waiting for a code carries an "Enter code" button that
 * opens the code form; `ephemeral` keeps it visible to its reader only.
 */
export function messageOf(reply: Reply, locale: string, ephemeral: boolean): DiscordMessage {
  const buttons: Shown[] = (reply.buttons ?? []).map((b) => ({ label: b.label, customId: encodeAction(b.action), style: styleOf(b.action) }));
  if (reply.asksForCode) buttons.push({ label: text('discord.enter_code'), customId: ENTER_CODE, style: ButtonStyle.Primary });
  const files: RawFile[] = [];
  if (reply.image) files.push({ name: reply.image.name, data: reply.image.png, contentType: 'image/png' });
  if (reply.file) files.push({ name: reply.file.name, data: Buffer.from(reply.file.content, 'utf8'), contentType: 'text/csv' });
  return {
    body: {
      content: contentOf(reply, locale),
      components: buttonsOf(buttons, locale),
      allowed_mentions: { parse: [] },
      ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
    },
    files,
  };
}

/** The code form: what is being confirmed, and one field for the 6-digit (or recovery) code. */
export function codeForm(prompt: Reply | undefined, locale: string): APIModalInteractionResponseCallbackData {
  const shown = prompt ? contentOf({ ...prompt, lines: prompt.lines.filter((line) => line.key !== 'challenge.code') }, locale) : '';
  return {
    custom_id: CODE_FORM,
    title: fitText(translate(locale, text('discord.modal.title')), LIMITS.discord.modalTitle),
    components: [
      ...(shown ? [{ type: ComponentType.TextDisplay as const, content: fitText(shown, LIMITS.discord.textDisplay) }] : []),
      {
        type: ComponentType.Label,
        label: fitText(translate(locale, text('discord.modal.label')), LIMITS.discord.labelText),
        description: fitText(translate(locale, text('discord.modal.hint')), LIMITS.discord.labelDescription),
        component: {
          type: ComponentType.TextInput,
          custom_id: CODE_FIELD,
          style: TextInputStyle.Short,
          min_length: 6,
          max_length: 14,
          required: true,
          placeholder: '123456',
        },
      },
    ],
  };
}
