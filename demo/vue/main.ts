// Registers <parley-comments> and <parley-count>, then mounts the app.
import 'parley-comments';
import { createApp } from 'vue';
import App from './App.vue';

createApp(App).mount('#app');
