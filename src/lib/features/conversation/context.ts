import { createContext } from 'svelte';
import type { ConversationEditor } from './conversation-editor.svelte';

export const [getConversationEditor, setConversationEditor] = createContext<ConversationEditor>();
