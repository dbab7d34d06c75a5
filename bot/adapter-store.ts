/** What chat adapters keep for themselves, beside the wallet: answered updates and editable messages. */
export interface AdapterStore {
  /** Records that an update was answered; false if it already was (a redelivery). */
  markHandled(platform: string, updateId: string): Promise<boolean>;
  /** Gives a claim back after a failed run, so a redelivery is worked on again. */
  releaseHandled(platform: string, updateId: string): Promise<void>;
  saveMessage(platform: string, ref: string, location: { chatId: string; messageId: string; shown: string }): Promise<void>;
  findMessage(platform: string, ref: string): Promise<{ chatId: string; messageId: string; shown: string } | undefined>;
  /** Messages still showing `shown`, e.g. request cards still showing “open”. */
  messagesShowing(platform: string, shown: string, limit: number): Promise<{ ref: string; chatId: string; messageId: string }[]>;
}
